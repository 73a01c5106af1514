using System.Diagnostics;
using RenderFarm.Contracts;
using RenderFarm.ServiceDefaults;
using RenderFarm.Worker.Painting;

namespace RenderFarm.Worker.Pipeline;

/// <summary>
/// The stages of one job, in order: fetch → decode → frame → choose style → paint → encode → write to the gallery.
/// Each stage is timed and traced; a stage that fails for good throws <see cref="PortraitJobException"/>.
/// </summary>
public sealed class PortraitPipeline(
    SourceFetcher fetcher,
    SourceDecoder decoder,
    PortraitFramer framer,
    StyleChooser chooser,
    PainterRegistry painters,
    PaintingEncoder encoder,
    GalleryWriter gallery)
{
    public async Task<PaintOutcome> PaintAsync(PaintPortrait job, string galleryId, string deleteTokenHash, CancellationToken cancellationToken)
    {
        var timings = new Dictionary<string, double>();
        var source = await StageAsync("download", timings, () => fetcher.FetchAsync(job.SourceBlobName, cancellationToken));
        var photo = Stage("decode", timings, () => decoder.Decode(source));
        var framed = Stage("frame", timings, () => framer.Frame(photo));
        var choice = Stage("style", timings, () => chooser.Choose(job.RequestedStyle, framed.Image));
        var painting = await StageAsync("paint", timings, () => PaintAsync(choice.Style, framed.Image, cancellationToken));
        var encoded = Stage("encode", timings, () => encoder.Encode(painting));
        await StageAsync("upload", timings, async () =>
        {
            await gallery.WriteAsync(galleryId, choice.Style, job.Listed, deleteTokenHash, encoded, cancellationToken);
            return true;
        });
        return new PaintOutcome(choice, framed.Framing, timings);
    }

    async Task<RgbaImage> PaintAsync(string style, RgbaImage image, CancellationToken cancellationToken)
    {
        try
        {
            if (!painters.TryGet(style, out var painter))
                throw new PortraitJobException(ErrorCodes.StyleUnavailable, $"Painter \"{style}\" is not available on this worker.");
            Activity.Current?.SetTag("renderfarm.painter", style);
            Activity.Current?.SetTag("renderfarm.provider", painters.Provider);
            return await painter.PaintAsync(image, cancellationToken);
        }
        catch (Exception ex) when (ex is not (PortraitJobException or OperationCanceledException))
        {
            throw new PortraitJobException(ErrorCodes.PainterFailed, $"Painter \"{style}\" failed: {ex.GetType().Name}.", ex);
        }
    }

    static T Stage<T>(string name, Dictionary<string, double> timings, Func<T> work)
    {
        using var activity = FarmTelemetry.ActivitySource.StartActivity($"paint-portrait {name}");
        var started = Stopwatch.GetTimestamp();
        try
        {
            return work();
        }
        finally
        {
            timings[name] = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);
        }
    }

    static async Task<T> StageAsync<T>(string name, Dictionary<string, double> timings, Func<Task<T>> work)
    {
        using var activity = FarmTelemetry.ActivitySource.StartActivity($"paint-portrait {name}");
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await work();
        }
        finally
        {
            timings[name] = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);
        }
    }
}
