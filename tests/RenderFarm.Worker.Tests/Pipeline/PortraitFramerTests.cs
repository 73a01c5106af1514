using Microsoft.Extensions.Options;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Pipeline;

namespace RenderFarm.Worker.Tests.Pipeline;

public class PortraitFramerTests
{
    readonly PortraitFramer framer = new(Options.Create(new CanvasOptions { Width = 512, Height = 640 }));
    readonly SourceDecoder decoder = new();

    [Theory]
    [InlineData("astronaut.png")]  // square
    [InlineData("kodim04.png")]    // tall
    [InlineData("kodim12.png")]    // wide
    [InlineData("hopper.jpg")]     // tiny: scaled up
    public async Task Fits_any_photo_to_the_portrait_canvas(string file)
    {
        var photo = decoder.Decode(await File.ReadAllBytesAsync(SharedData.Face(file)));

        var framed = framer.Frame(photo);

        Assert.Equal((512, 640), (framed.Image.Width, framed.Image.Height));
        Assert.Contains("no face found: centred crop", framed.Framing);
    }

    [Theory]
    [InlineData(512, 640)]    // the canvas's own size: nothing to crop or scale
    [InlineData(1024, 1280)]  // exactly twice: the halving path
    [InlineData(1200, 1800)]  // a crop drawn by Skia
    public void The_canvas_never_shares_the_photos_pixels(int width, int height)
    {
        // The studio recycles the photo's pixels for the next photo as soon as it is framed.
        var photo = RgbaImage.Allocate(width, height);

        var framed = framer.Frame(photo, [new FaceBox(width * 0.4f, height * 0.2f, width * 0.6f, height * 0.4f, 0.99f)]);
        var centred = framer.Frame(photo);

        Assert.NotSame(photo.Pixels, framed.Image.Pixels);
        Assert.NotSame(photo.Pixels, centred.Image.Pixels);
    }

    [Fact]
    public void Face_crop_centres_the_face_across_and_puts_it_in_the_upper_half()
    {
        var face = new FaceBox(400, 300, 500, 420, 1f); // 100x120 face in a 1600x1200 photo

        var crop = PortraitFramer.AroundFace(face, 1600, 1200, 512, 640);

        Assert.Equal(312, crop.Height);                             // 2.6 face heights
        Assert.InRange(crop.Width, crop.Height * 4 / 5 - 1, crop.Height * 4 / 5 + 1);         // 4:5
        Assert.InRange(face.CentreX - crop.MidX, -1, 1);             // centred across
        Assert.InRange((face.CentreY - crop.Top) / crop.Height, 0.40, 0.44); // face line at 42%
    }

    [Fact]
    public void Face_crop_stays_inside_the_photo_at_its_edge()
    {
        var face = new FaceBox(0, 0, 90, 110, 1f); // face in the top-left corner

        var crop = PortraitFramer.AroundFace(face, 800, 1000, 512, 640);

        Assert.Equal((0, 0), (crop.Left, crop.Top));
        Assert.True(crop.Right <= 800 && crop.Bottom <= 1000);
    }

    [Fact]
    public void Tiny_face_is_not_magnified_beyond_the_upscale_limit()
    {
        var face = new FaceBox(300, 100, 330, 136, 1f); // 36 px tall: 2.6x would be a 94 px crop

        var crop = PortraitFramer.AroundFace(face, 768, 512, 512, 640);

        Assert.True(640.0 / crop.Height <= PortraitFramer.MaxUpscale + 0.01, $"crop {crop.Height} px high is magnified {640.0 / crop.Height:F1}x");
    }

    [Fact]
    public async Task Centred_crop_keeps_the_middle_of_a_wide_photo()
    {
        var photo = decoder.Decode(await File.ReadAllBytesAsync(SharedData.Face("kodim12.png"))); // 768x512

        var framed = framer.Frame(photo);

        // 4:5 of a 512-high photo is 410 wide, centred: x from 179.
        Assert.EndsWith("centred crop 410x512 at (179,0)", framed.Framing);
    }

    [Fact]
    public void Face_crop_is_inside_the_photo_for_any_face_photo_and_canvas()
    {
        var random = new Random(20261202);
        float[] oddities = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -1e9f, 1e9f, 0f];
        for (var trial = 0; trial < 20_000; trial++)
        {
            var (imageWidth, imageHeight) = (random.Next(1, 6000), random.Next(1, 6000));
            var (canvasWidth, canvasHeight) = (random.Next(1, 2000), random.Next(1, 2000));
            float Coordinate(int extent) => random.Next(20) == 0
                ? oddities[random.Next(oddities.Length)]
                : (float)(random.NextDouble() * extent * 1.6 - extent * 0.3);
            var face = new FaceBox(Coordinate(imageWidth), Coordinate(imageHeight), Coordinate(imageWidth), Coordinate(imageHeight), 1f);

            var crop = PortraitFramer.AroundFace(face, imageWidth, imageHeight, canvasWidth, canvasHeight);

            var what = $"face {face} in {imageWidth}x{imageHeight} for {canvasWidth}x{canvasHeight}: crop {crop}";
            Assert.True(crop.Left >= 0 && crop.Top >= 0 && crop.Right <= imageWidth && crop.Bottom <= imageHeight, what);
            Assert.True(crop.Width >= 1 && crop.Height >= 1, what);
            if (crop.Width > 20 && crop.Height > 20)
                Assert.True(Math.Abs((double)crop.Width / crop.Height - (double)canvasWidth / canvasHeight) <= 2.0 / Math.Min(crop.Width, crop.Height) * Math.Max(1, (double)canvasWidth / canvasHeight), what);
        }
    }

    [Theory]
    [InlineData(2766, 2774, 276.72144f, 258.4403f, 1911.0232f, 2301.3174f)]   // Math.Clamp threw here: the crop overflowed by a rounding hair
    [InlineData(1741, 2379, 296.7933f, 3.2213395f, 1409.6378f, 1394.2769f)]   // and here
    [InlineData(1080, 1350, 108, 68, 972, 1148)]    // a tight phone selfie: the face covers 64% of the frame
    [InlineData(720, 1280, 10, 200, 710, 1100)]     // a tall phone screen, face wall to wall
    [InlineData(37, 41, 0, 0, 37, 41)]              // a thumbnail that is all face
    public void Tight_selfie_is_framed_without_error(int imageWidth, int imageHeight, float x1, float y1, float x2, float y2)
    {
        var photo = RgbaImage.Allocate(imageWidth, imageHeight);
        var face = new FaceBox(x1, y1, x2, y2, 1f);

        var framed = framer.Frame(photo, [face]);

        Assert.Equal((512, 640), (framed.Image.Width, framed.Image.Height));
        Assert.Contains("head-and-shoulders crop", framed.Framing);
        Assert.NotNull(framed.Face);
    }
}
