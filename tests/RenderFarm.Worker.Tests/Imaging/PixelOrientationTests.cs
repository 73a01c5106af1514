using System.Runtime.InteropServices;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Pipeline;
using SkiaSharp;

namespace RenderFarm.Worker.Tests.Imaging;

public sealed class PixelOrientationTests
{
    // Distinct: SKEncodedOrigin.Default is TopLeft, and xUnit skips a case whose ID repeats.
    public static TheoryData<SKEncodedOrigin> Origins() =>
        new(Enum.GetValues<SKEncodedOrigin>().Distinct());

    [Theory]
    [MemberData(nameof(Origins))]
    public void Turns_every_pixel_where_skia_draws_it_for_each_exif_orientation(SKEncodedOrigin origin)
    {
        // Odd sides, unequal, larger than a tile and not a multiple of it: every edge case of the tiling.
        var stored = Noise(67, 41);
        var (width, height) = Displayed(stored, origin);
        var matrix = SourceDecoder.OrientationMatrix(origin, stored.Width, stored.Height);

        var turned = PixelOrientation.Apply(stored, matrix, width, height);

        Assert.Equal((width, height), (turned.Width, turned.Height));
        Assert.Equal(DrawnBySkia(stored, matrix, width, height).Pixels, turned.Pixels);
    }

    [Fact]
    public void Turns_a_right_top_photo_clockwise_so_its_stored_top_left_is_shown_top_right()
    {
        // EXIF orientation 6: the camera was turned clockwise, so the picture is shown turned a quarter clockwise.
        var stored = Noise(5, 3);
        var turned = PixelOrientation.Apply(stored, SourceDecoder.OrientationMatrix(SKEncodedOrigin.RightTop, 5, 3), 3, 5);

        Assert.Equal(Pixel(stored, 0, 0), Pixel(turned, 2, 0));
        Assert.Equal(Pixel(stored, 4, 0), Pixel(turned, 2, 4));
        Assert.Equal(Pixel(stored, 0, 2), Pixel(turned, 0, 0));
    }

    [Fact]
    public void Refuses_a_matrix_that_reaches_outside_the_stored_image()
    {
        var stored = Noise(8, 4);
        // The matrix of an 8×6 image, applied to an 8×4 one.
        var wrong = SourceDecoder.OrientationMatrix(SKEncodedOrigin.BottomRight, 8, 6);

        Assert.Throws<ArgumentException>(() => PixelOrientation.Apply(stored, wrong, 8, 4));
    }

    static (int Width, int Height) Displayed(RgbaImage stored, SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom
            ? (stored.Height, stored.Width)
            : (stored.Width, stored.Height);

    static RgbaImage Noise(int width, int height)
    {
        var image = RgbaImage.Allocate(width, height);
        new Random(width * 31 + height).NextBytes(image.Pixels);
        for (var i = 3; i < image.Pixels.Length; i += 4) image.Pixels[i] = 255;
        return image;
    }

    static byte[] Pixel(RgbaImage image, int x, int y) => image.Pixels.AsSpan((y * image.Width + x) * 4, 4).ToArray();

    // How the decoder oriented photos before: the stored pixels drawn through a Skia canvas under the matrix.
    static RgbaImage DrawnBySkia(RgbaImage stored, SKMatrix matrix, int width, int height)
    {
        var info = new SKImageInfo(stored.Width, stored.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul, SKColorSpace.CreateSrgb());
        var image = RgbaImage.Allocate(width, height);
        var (source, pixels) = (GCHandle.Alloc(stored.Pixels, GCHandleType.Pinned), GCHandle.Alloc(image.Pixels, GCHandleType.Pinned));
        try
        {
            using var from = new SKBitmap();
            from.InstallPixels(info, source.AddrOfPinnedObject(), info.RowBytes);
            using var target = new SKBitmap();
            target.InstallPixels(info.WithSize(width, height), pixels.AddrOfPinnedObject(), width * 4);
            using var canvas = new SKCanvas(target);
            canvas.SetMatrix(matrix);
            canvas.DrawBitmap(from, 0, 0);
            canvas.Flush();
        }
        finally
        {
            source.Free();
            pixels.Free();
        }
        return image;
    }
}
