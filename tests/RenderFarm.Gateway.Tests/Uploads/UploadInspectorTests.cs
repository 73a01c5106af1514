using Microsoft.Extensions.Options;
using RenderFarm.Contracts;
using RenderFarm.Gateway.Uploads;
using RenderFarm.TestSupport;

namespace RenderFarm.Gateway.Tests.Uploads;

public class UploadInspectorTests
{
    readonly UploadInspector inspector = new(Options.Create(new UploadOptions()));

    [Theory]
    [InlineData("empty.jpg", ErrorCodes.EmptyFile, 400)]
    [InlineData("not-an-image.jpg", ErrorCodes.UnsupportedFormat, 415)]
    [InlineData("truncated-DSCN0012.jpg", ErrorCodes.TruncatedImage, 422)]
    [InlineData("xs1n0g01.png", ErrorCodes.CorruptImage, 422)]
    [InlineData("xcrn0g04.png", ErrorCodes.CorruptImage, 422)]
    [InlineData("xhdn0g08.png", ErrorCodes.CorruptImage, 422)]
    [InlineData("xdtn0g01.png", ErrorCodes.CorruptImage, 422)]
    [InlineData("bomb-50000x50000-1bit.png", ErrorCodes.TooManyPixels, 413)]
    public async Task Rejects_bad_edge_file_with_a_specific_code(string file, string code, int status)
    {
        var (image, rejection) = inspector.Inspect(await File.ReadAllBytesAsync(SharedData.Edge(file)));

        Assert.Null(image);
        Assert.NotNull(rejection);
        Assert.Equal((code, status), (rejection.Code, rejection.Status));
    }

    [Theory]
    [InlineData("pil_sample_cmyk.jpg", "image/jpeg")]
    [InlineData("basn2c16.png", "image/png")]
    [InlineData("basi0g08.png", "image/png")]
    [InlineData("hopper_gray.jpg", "image/jpeg")]
    [InlineData("hopper.webp", "image/webp")]
    [InlineData("iss634.gif", "image/gif")]
    public async Task Accepts_decodable_edge_image(string file, string contentType)
    {
        var (image, rejection) = inspector.Inspect(await File.ReadAllBytesAsync(SharedData.Edge(file)));

        Assert.Null(rejection);
        Assert.Equal(contentType, image!.ContentType);
    }

    [Fact]
    public async Task Decompression_bomb_is_refused_from_its_header_without_allocating_the_image()
    {
        var bytes = await File.ReadAllBytesAsync(SharedData.Edge("bomb-50000x50000-1bit.png"));
        inspector.Inspect(await File.ReadAllBytesAsync(SharedData.Face("hopper.jpg"))); // warm the codec paths
        var before = GC.GetAllocatedBytesForCurrentThread();

        var (_, rejection) = inspector.Inspect(bytes);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(ErrorCodes.TooManyPixels, rejection?.Code);
        Assert.True(allocated < 8 * 1024 * 1024, $"inspecting the bomb allocated {allocated / 1024} KiB (the image would be ~2.5 GB)");
    }

    [Fact]
    public async Task Rejects_photo_over_the_configured_byte_limit()
    {
        var strict = new UploadInspector(Options.Create(new UploadOptions { MaxBytes = 100_000 }));

        var (_, rejection) = strict.Inspect(await File.ReadAllBytesAsync(SharedData.Exif("DSCN0010.jpg")));

        Assert.Equal(ErrorCodes.FileTooLarge, rejection?.Code);
    }

    [Fact]
    public async Task Rejects_image_smaller_than_the_minimum_side()
    {
        var strict = new UploadInspector(Options.Create(new UploadOptions { MinDimension = 200 }));

        var (_, rejection) = strict.Inspect(await File.ReadAllBytesAsync(SharedData.Face("hopper.jpg")));

        Assert.Equal(ErrorCodes.ImageTooSmall, rejection?.Code);
    }

    [Fact]
    public async Task A_png_cut_short_is_truncated_and_one_with_damaged_image_data_is_corrupt_though_neither_is_decoded()
    {
        var png = await File.ReadAllBytesAsync(SharedData.Face("astronaut.png"));
        var cut = png[..(png.Length * 6 / 10)];
        var damaged = (byte[])png.Clone();
        var data = png.AsSpan().IndexOf("IDAT"u8) + 4 + 200;
        damaged[data] ^= 0x5A;

        Assert.Null(inspector.Inspect(png).Rejection);
        Assert.Equal(ErrorCodes.TruncatedImage, inspector.Inspect(cut).Rejection?.Code);
        Assert.Equal(ErrorCodes.CorruptImage, inspector.Inspect(damaged).Rejection?.Code);
    }
}
