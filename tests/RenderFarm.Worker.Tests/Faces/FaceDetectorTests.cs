using RenderFarm.TestSupport;
using RenderFarm.Worker.Faces;
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

    [Theory]
    [InlineData("astronaut.png")]
    [InlineData("kodim04.png")]
    [InlineData("kodim18.png")]
    public async Task Finds_the_same_face_in_a_phone_sized_photo_as_in_its_small_file(string face)
    {
        using var detector = Detector.Create();
        var small = decoder.Decode(await File.ReadAllBytesAsync(SharedData.Face(face)));
        // Six times the size, as a camera takes it: decoded at 1/2 and shrunk ~6× to the detector's input, by area means.
        var large = decoder.Decode(TestPhotos.CameraSizedJpeg(face, small.Width * 6, small.Height * 6));

        var inSmall = Assert.Single(detector.Detect(small));
        var inLarge = Assert.Single(detector.Detect(large));

        var scale = (float)large.Width / small.Width;
        var expected = new FaceBox(inSmall.X1 * scale, inSmall.Y1 * scale, inSmall.X2 * scale, inSmall.Y2 * scale, inSmall.Score);
        Assert.True(inLarge.IntersectionOverUnion(expected) > 0.8, $"{face}: {inLarge} in the large photo, {expected} from the small file");
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
