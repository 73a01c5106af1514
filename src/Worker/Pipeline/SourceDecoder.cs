using Microsoft.Extensions.Options;
using RenderFarm.Contracts;
using RenderFarm.Worker.Imaging;
using SkiaSharp;

namespace RenderFarm.Worker.Pipeline;

/// <summary>
/// Decodes a photo to sRGB RGBA with its EXIF orientation applied (first frame of an animation), straight into the
/// pipeline's buffer, and no larger than framing needs. Skia reads every format and every colour profile; a JPEG in
/// sRGB (or with no profile, which means sRGB) goes to the system's libjpeg-turbo where the worker has it, ~2× faster.
/// </summary>
public sealed class SourceDecoder
{
    /// <summary>A decoder with the default limits (<see cref="DecoderOptions"/>), Skia alone.</summary>
    public SourceDecoder() : this(new DecoderOptions()) { }

    public SourceDecoder(IOptions<DecoderOptions> options, JpegCodecs codecs) : this(options.Value) => TurboJpeg = codecs.TurboJpeg;

    SourceDecoder(DecoderOptions options) => (MaxPixels, MinShortSide) = (options.MaxPixels, options.MinShortSide);

    /// <summary>libjpeg-turbo for sRGB JPEGs, or null: Skia decodes everything.</summary>
    public TurboJpegLibrary? TurboJpeg { get; init; }

    /// <inheritdoc cref="DecoderOptions.MaxPixels"/>
    public long MaxPixels { get; init; }

    /// <inheritdoc cref="DecoderOptions.MinShortSide"/>
    public int MinShortSide { get; init; }

    public RgbaImage Decode(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var codec = SKCodec.Create(stream, out var createResult)
            ?? throw new PortraitJobException(ErrorCodes.DecodeFailed, $"The photo cannot be decoded ({createResult}).");
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if ((long)width * height > MaxPixels)
            throw new PortraitJobException(ErrorCodes.DecodeFailed, $"The photo has too many pixels ({width}×{height}).");

        var size = DecodedSize(codec);
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul, SKColorSpace.CreateSrgb());
        var length = size.Width * size.Height * 4;
        var stored = Buffers.Rent(length);
        try
        {
            DecodeInto(bytes, codec, info, stored);
        }
        catch
        {
            Buffers.Return(stored);
            throw;
        }
        if (codec.EncodedOrigin == SKEncodedOrigin.TopLeft)
            return Opaque(new RgbaImage(size.Width, size.Height, stored), codec);
        // A photo to turn (a phone's portrait shot) is turned into a second buffer; the stored one goes straight back.
        try
        {
            return Opaque(Orient(stored, size, codec.EncodedOrigin, Buffers.Rent(length)), codec);
        }
        finally
        {
            Buffers.Return(stored);
        }
    }

    /// <summary>
    /// Where decoded pixels come from: arrays kept from photos already framed (<see cref="Recycle"/>), not cleared.
    /// Every decode writes every pixel or fails, so nothing of one photo shows in the next.
    /// </summary>
    public PhotoBuffers Buffers { get; init; } = new();

    /// <summary>Gives a decoded photo's pixels back for the next photo, once nothing reads the photo any more.</summary>
    public void Recycle(RgbaImage photo) => Buffers.Return(photo.Pixels);

    // libjpeg-turbo where it decodes the file cleanly, else Skia (whose verdict on a damaged file stands).
    void DecodeInto(byte[] bytes, SKCodec codec, SKImageInfo info, Span<byte> pixels)
    {
        if (TryTurboJpeg(bytes, codec, info.Width, info.Height, pixels)) return;
        unsafe
        {
            fixed (byte* target = pixels)
                Check(codec.GetPixels(info, (nint)target));
        }
    }

    // Opaque throughout, as every stage expects: a PNG's or WebP's alpha is dropped.
    static RgbaImage Opaque(RgbaImage image, SKCodec codec)
    {
        if (codec.Info.AlphaType != SKAlphaType.Opaque)
            for (var i = 3; i < image.Pixels.Length; i += 4) image.Pixels[i] = 255;
        return image;
    }

    /// <summary>
    /// The JPEG decoded by libjpeg-turbo into <paramref name="pixels"/>, in its stored orientation; false where Skia
    /// must decode it: another format or colour profile, CMYK, or a file libjpeg-turbo warns about (Skia's verdict on
    /// those stands, as before).
    /// </summary>
    bool TryTurboJpeg(byte[] bytes, SKCodec codec, int width, int height, Span<byte> pixels) =>
        // A profile other than sRGB (a phone's Display P3) needs Skia's colour conversion.
        TurboJpeg is not null && codec.EncodedFormat == SKEncodedImageFormat.Jpeg && codec.Info.ColorSpace is not { IsSrgb: false }
        && TurboJpeg.TryDecompressRgba(bytes, width, height, pixels);

    /// <summary>Bytes the photo takes once decoded (RGBA at the size <see cref="Decode"/> uses), from its header alone; 0 when unreadable.</summary>
    public long DecodedBytes(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var codec = SKCodec.Create(stream);
        if (codec is null) return 0;
        var size = DecodedSize(codec);
        return (long)size.Width * size.Height * 4;
    }

    /// <summary>The smallest size the codec decodes natively (JPEG: 1/2, 1/4, 1/8) that keeps MinShortSide.</summary>
    SKSizeI DecodedSize(SKCodec codec)
    {
        var best = codec.Info.Size;
        if (MinShortSide <= 0) return best;
        foreach (var scale in (float[])[0.5f, 0.25f, 0.125f])
        {
            var size = codec.GetScaledDimensions(scale);
            if (size == best || Math.Min(size.Width, size.Height) < MinShortSide) break;
            best = size;
        }
        return best;
    }

    static void Check(SKCodecResult result)
    {
        if (result != SKCodecResult.Success)
            throw new PortraitJobException(ErrorCodes.DecodeFailed, $"The photo cannot be decoded ({result}).");
    }

    /// <summary>The stored pixels turned or mirrored the way the camera's EXIF orientation says.</summary>
    static RgbaImage Orient(ReadOnlySpan<byte> stored, SKSizeI size, SKEncodedOrigin origin, byte[] into)
    {
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (w, h) = swap ? (size.Height, size.Width) : (size.Width, size.Height);
        return PixelOrientation.Apply(stored, size.Width, size.Height, OrientationMatrix(origin, size.Width, size.Height), w, h, into);
    }

    // Maps stored coordinates to display coordinates for each EXIF orientation (1..8).
    internal static SKMatrix OrientationMatrix(SKEncodedOrigin origin, int w, int h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
        _ => SKMatrix.Identity,
    };
}
