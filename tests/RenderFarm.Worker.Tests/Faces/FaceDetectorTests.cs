using RenderFarm.TestSupport;
using RenderFarm.Worker.Pipeline;

namespace RenderFarm.Worker.Tests.Faces;

public class FaceDetectorTests
{
    readonly SourceDecoder decoder = new();

    [Fact]
    public async Task Finds_the_astronaut_face_where_the_model_card_says()
    {
        using var detector = Detector.Create();
        var photo = decoder.Decode(await File.ReadAllBytesAsync(SharedData.Face("astronaut.png")));

        var faces = detector.Detect(photo);

        var face = Assert.Single(faces);
        Assert.InRange(face.X1, 174, 184);
        Assert.InRange(face.Y1, 58, 68);
        Assert.InRange(face.X2, 265, 275);
        Assert.InRange(face.Y2, 168, 178);
    }

    [Fact]
    public async Task Finds_the_face_of_a_sideways_stored_photo_once_orientation_is_applied()
    {
        using var detector = Detector.Create();
        var photo = decoder.Decode(await File.ReadAllBytesAsync(SharedData.Exif("hopper_orientation_6.jpg")));

        var face = Assert.Single(detector.Detect(photo));

        // Upright face: taller than wide, in the upper part of the picture.
        Assert.True(face.Height > face.Width * 0.9, $"face box {face} looks sideways");
        Assert.True(face.CentreY < photo.Height * 0.6, $"face box {face} is not in the upper part");
    }

    [Fact]
    public async Task Finds_no_face_in_a_landscape()
    {
        using var detector = Detector.Create();
        var photo = decoder.Decode(await File.ReadAllBytesAsync(SharedData.Exif("DSCN0010.jpg")));

        Assert.Empty(detector.Detect(photo));
    }

    [Fact]
    public void Missing_model_file_leaves_the_detector_unavailable()
    {
        using var detector = Detector.Create("no-such-detector.onnx");

        Assert.False(detector.IsAvailable);
        Assert.Empty(detector.Detect(RenderFarm.Worker.Imaging.RgbaImage.Allocate(64, 64)));
    }
}
