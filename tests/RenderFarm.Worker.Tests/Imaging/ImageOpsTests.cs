using RenderFarm.TestSupport;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Pipeline;
using SkiaSharp;

namespace RenderFarm.Worker.Tests.Imaging;

public class ImageOpsTests
{
    [Fact]
    public void A_large_shrink_of_one_pixel_stripes_gives_an_even_grey_not_moire()
    {
        var stripes = RgbaImage.Allocate(1920, 1440);
        for (var i = 0; i < 1920 * 1440; i++)
        {
            var value = (byte)(i % 1920 % 2 == 0 ? 0 : 255);
            (stripes.Pixels[i * 4], stripes.Pixels[i * 4 + 1], stripes.Pixels[i * 4 + 2], stripes.Pixels[i * 4 + 3]) = (value, value, value, 255);
        }

        var small = ImageOps.CropAndScale(stripes, SKRectI.Create(0, 0, 1920, 1440), 320, 240);

        // Bilinear alone at 6× samples whichever stripes fall under it: black, white and everything between.
        var values = Enumerable.Range(0, 320 * 240).Select(i => (int)small.Pixels[i * 4]).ToList();
        Assert.InRange(values.Min(), 126, 129);
        Assert.InRange(values.Max(), 126, 129);
    }

    [Theory]
    [InlineData(0, 0, 2016, 1512, 320, 240)]      // a whole phone photo decoded at 1/2, 6.3× smaller
    [InlineData(300, 100, 1300, 1625, 512, 640)]  // a selfie's head-and-shoulders crop onto the canvas
    public void A_large_shrink_is_what_skias_mipmapped_sampling_gives_within_a_few_levels(int left, int top, int w, int h, int width, int height)
    {
        var photo = new SourceDecoder().Decode(TestPhotos.CameraSizedJpeg("kodim04.png", 2016, 1728));
        var crop = SKRectI.Create(left, top, w, h);

        var halved = ImageOps.CropAndScale(photo, crop, width, height);
        var trilinear = Trilinear(photo, crop, width, height);

        long sum = 0;
        for (var i = 0; i < halved.Pixels.Length; i++)
            if (i % 4 != 3) sum += Math.Abs(halved.Pixels[i] - trilinear.Pixels[i]);
        var mean = sum / (halved.Pixels.Length * 0.75);
        Assert.True(mean < 2.5, $"mean difference {mean:F2} levels from Skia's trilinear sampling");
    }

    [Theory]
    [InlineData(0, 0, 512, 640)]     // a painting to its thumbnail
    [InlineData(100, 60, 400, 300)]  // a crop inside a photo
    public void An_exact_half_is_what_skias_bilinear_sampling_gives_within_a_level(int left, int top, int width, int height)
    {
        var photo = new SourceDecoder().Decode(File.ReadAllBytes(SharedData.Face("kodim04.png")));
        var crop = SKRectI.Create(left, top, width, height);

        var half = ImageOps.CropAndScale(photo, crop, width / 2, height / 2);
        var bilinear = Trilinear(photo, crop, width / 2, height / 2, SKMipmapMode.None);

        var largest = Enumerable.Range(0, half.Pixels.Length).Where(i => i % 4 != 3).Max(i => Math.Abs(half.Pixels[i] - bilinear.Pixels[i]));
        Assert.True(largest <= 1, $"{largest} levels from Skia's bilinear sampling");
    }

    [Theory]
    [InlineData("astronaut.png")]
    [InlineData("kodim18.png")]
    public void A_crop_onto_the_canvas_is_what_skias_rgba_bilinear_sampling_gives_within_a_level(string face)
    {
        var photo = new SourceDecoder().Decode(File.ReadAllBytes(SharedData.Face(face)));
        var crop = SKRectI.Create(37, 21, 301, 377); // upscaled 1.7×, as a small photo's head-and-shoulders crop

        var framed = ImageOps.CropAndScale(photo, crop, 512, 640);
        var rgba = Trilinear(photo, crop, 512, 640, SKMipmapMode.None);

        // Skia samples the pixels as BGRA (its fast pipeline): red and blue must still come back in their places.
        long sum = 0;
        for (var i = 0; i < framed.Pixels.Length; i++)
            if (i % 4 != 3) sum += Math.Abs(framed.Pixels[i] - rgba.Pixels[i]);
        var mean = sum / (framed.Pixels.Length * 0.75);
        Assert.True(mean < 1.0, $"mean difference {mean:F2} levels from Skia's RGBA bilinear sampling");
    }

    static RgbaImage Trilinear(RgbaImage photo, SKRectI crop, int width, int height, SKMipmapMode mipmaps = SKMipmapMode.Linear)
    {
        var info = new SKImageInfo(photo.Width, photo.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        System.Runtime.InteropServices.Marshal.Copy(photo.Pixels, 0, bitmap.GetPixels(), photo.Pixels.Length);
        using var image = SKImage.FromBitmap(bitmap);
        var result = RgbaImage.Allocate(width, height);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        surface.Canvas.DrawImage(image, SKRect.Create(crop.Left, crop.Top, crop.Width, crop.Height), SKRect.Create(0, 0, width, height),
            new SKSamplingOptions(SKFilterMode.Linear, mipmaps));
        surface.ReadPixels(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque), System.Runtime.InteropServices.Marshal.UnsafeAddrOfPinnedArrayElement(result.Pixels, 0), width * 4, 0, 0);
        return result;
    }
}
