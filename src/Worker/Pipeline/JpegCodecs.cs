using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Pipeline;

/// <summary>
/// The worker's JPEG encoder, and the libjpeg-turbo its decoder may use, chosen once at start as
/// <see cref="JpegOptions.Codec"/> says; the log says which.
/// </summary>
public sealed class JpegCodecs
{
    JpegCodecs(TurboJpegLibrary? turboJpeg) =>
        (TurboJpeg, Encoder) = (turboJpeg, turboJpeg is null ? new SkiaJpegEncoder() : new TurboJpegEncoder(turboJpeg));

    /// <summary>The system's libjpeg-turbo, or null where Skia does it all.</summary>
    public TurboJpegLibrary? TurboJpeg { get; }

    public IJpegEncoder Encoder { get; }

    public static JpegCodecs Choose(JpegOptions options, ILogger logger)
    {
        JpegCodecs codecs;
        if (options.Codec == "skia")
            codecs = new(null);
        else if (TurboJpegLibrary.TryLoad(options.Library, out var library, out var reason))
            codecs = new(library);
        else if (options.Codec == "libjpeg-turbo")
            throw new InvalidOperationException($"Jpeg:Codec is libjpeg-turbo, but it cannot be loaded: {reason}.");
        else
        {
            logger.TurboJpegUnavailable(reason!);
            codecs = new(null);
        }
        logger.JpegCodecChosen(codecs.Encoder.Name);
        return codecs;
    }
}
