using Microsoft.Extensions.Options;
using RenderFarm.Contracts;
using RenderFarm.Farm.Uploads;
using SkiaSharp;

namespace RenderFarm.Gateway.Uploads;

/// <summary>
/// Checks an upload before anything is stored: size on disk, a recognised image header, dimensions and pixel
/// count from the header (so a decompression bomb is refused without allocating it), then a cheap scaled decode
/// that proves the data is complete.
/// </summary>
public sealed class UploadInspector(IOptions<UploadOptions> options)
{
    static readonly Dictionary<SKEncodedImageFormat, string> Supported = new()
    {
        [SKEncodedImageFormat.Jpeg] = "image/jpeg",
        [SKEncodedImageFormat.Png] = "image/png",
        [SKEncodedImageFormat.Webp] = "image/webp",
        [SKEncodedImageFormat.Gif] = "image/gif",
    };

    public UploadOptions Limits => options.Value;

    public UploadRejection? CheckSize(long length)
    {
        if (length == 0)
            return new(StatusCodes.Status400BadRequest, ErrorCodes.EmptyFile, "The file is empty.");
        if (length > Limits.MaxBytes)
            return TooLarge();
        return null;
    }

    public UploadRejection TooLarge() => new(StatusCodes.Status413PayloadTooLarge, ErrorCodes.FileTooLarge,
        $"The file is larger than {Limits.MaxBytes / (1024 * 1024)} MiB.");

    public (InspectedImage? Image, UploadRejection? Rejection) Inspect(byte[] bytes)
    {
        if (CheckSize(bytes.LongLength) is { } sizeProblem)
            return (null, sizeProblem);

        using var stream = new MemoryStream(bytes, writable: false);
        using var codec = SKCodec.Create(stream, out var result);
        if (codec is null)
        {
            return !ImageSignature.IsPaintable(bytes)
                ? (null, new(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedFormat,
                    "The file is not a JPEG, PNG, WebP or GIF image."))
                : (null, new(StatusCodes.Status422UnprocessableEntity, ErrorCodes.CorruptImage,
                    $"The image header is damaged and cannot be read ({result})."));
        }

        if (!Supported.TryGetValue(codec.EncodedFormat, out var contentType))
            return (null, new(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedFormat,
                $"{codec.EncodedFormat} images are not supported; send a JPEG, PNG, WebP or GIF."));

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if ((long)width * height > Limits.MaxPixels || Math.Max(width, height) > Limits.MaxDimension)
            return (null, new(StatusCodes.Status413PayloadTooLarge, ErrorCodes.TooManyPixels,
                $"The image is {width}×{height}; at most {Limits.MaxPixels / 1_000_000} megapixels and {Limits.MaxDimension} pixels a side are accepted."));
        if (Math.Min(width, height) < Limits.MinDimension)
            return (null, new(StatusCodes.Status422UnprocessableEntity, ErrorCodes.ImageTooSmall,
                $"The image is {width}×{height}; at least {Limits.MinDimension} pixels a side are needed."));

        var decode = DecodeScaled(codec, bytes);
        if (decode != SKCodecResult.Success)
            return (null, new(StatusCodes.Status422UnprocessableEntity,
                decode == SKCodecResult.IncompleteInput ? ErrorCodes.TruncatedImage : ErrorCodes.CorruptImage,
                decode == SKCodecResult.IncompleteInput ? "The image is cut short (the upload may be incomplete)." : "The image is damaged and cannot be read."));

        return (new InspectedImage(bytes, contentType, width, height), null);
    }

    // Decoding the whole stream is what proves it complete. JPEG and WebP decode at 1/8 scale for a fraction of the
    // cost. PNG's decoder cannot scale (nor, in this Skia, go row by row), so a PNG is proved by inflating its data
    // without keeping pixels (PngProof: KiBs instead of 150 MiB for 6300×6300). GIF is decoded whole; InspectionSlots
    // bounds how many checks run at once.
    static SKCodecResult DecodeScaled(SKCodec codec, byte[] bytes)
    {
        if (codec.EncodedFormat == SKEncodedImageFormat.Png)
            return PngProof.Check(bytes);
        var size = codec.GetScaledDimensions(0.125f);
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        return codec.GetPixels(info, bitmap.GetPixels());
    }
}
