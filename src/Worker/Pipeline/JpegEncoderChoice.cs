using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Pipeline;

/// <summary>Picks the worker's JPEG encoder at start, as <see cref="OutputOptions.JpegEncoder"/> says, and logs which.</summary>
public static class JpegEncoderChoice
{
    public static IJpegEncoder Choose(OutputOptions options, ILogger logger)
    {
        IJpegEncoder encoder;
        if (options.JpegEncoder == "skia")
            encoder = new SkiaJpegEncoder();
        else if (TurboJpegLibrary.TryLoad(options.TurboJpegLibrary, out var library, out var reason))
            encoder = new TurboJpegEncoder(library!);
        else if (options.JpegEncoder == "libjpeg-turbo")
            throw new InvalidOperationException($"Output:JpegEncoder is libjpeg-turbo, but it cannot be loaded: {reason}.");
        else
        {
            logger.TurboJpegUnavailable(reason!);
            encoder = new SkiaJpegEncoder();
        }
        logger.JpegEncoderChosen(encoder.Name);
        return encoder;
    }
}
