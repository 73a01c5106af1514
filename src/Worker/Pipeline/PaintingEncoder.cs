using Microsoft.Extensions.Options;
using RenderFarm.Contracts;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Scheduling;
using SkiaSharp;

namespace RenderFarm.Worker.Pipeline;

/// <summary>Encodes a painting and its thumbnail as JPEG (the worker's <see cref="IJpegEncoder"/>), carrying nothing but pixels.</summary>
public sealed class PaintingEncoder(IOptions<OutputOptions> options, IJpegEncoder jpeg, StageThreads stageThreads)
{
    public async Task<EncodedPainting> EncodeAsync(RgbaImage painting)
    {
        var settings = options.Value;
        try
        {
            var thumbHeight = (int)Math.Round((double)settings.ThumbnailWidth * painting.Height / painting.Width);
            // The thumbnail is scaled and encoded on another stage thread while the full painting encodes: on an
            // idle worker that takes the thumbnail off the job's latency.
            var thumbnail = stageThreads.RunAsync(() =>
            {
                var small = ImageOps.CropAndScale(painting, SKRectI.Create(0, 0, painting.Width, painting.Height), settings.ThumbnailWidth, thumbHeight);
                var encoded = jpeg.Encode(small, settings.ThumbnailQuality);
                PhotoBuffers.Canvases.Return(small.Pixels);
                return encoded;
            });
            var image = stageThreads.RunAsync(() => jpeg.Encode(painting, settings.Quality));
            return new EncodedPainting(await image, await thumbnail);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new PortraitJobException(ErrorCodes.EncodeFailed, "The painting could not be encoded.", ex);
        }
    }
}
