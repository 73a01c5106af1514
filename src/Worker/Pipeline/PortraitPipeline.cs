using RenderFarm.Contracts;

namespace RenderFarm.Worker.Pipeline;

/// <summary>One job of the farm: fetch the source photo, paint it in the studio, write the painting to the gallery.</summary>
public sealed class PortraitPipeline(SourceFetcher fetcher, PortraitStudio studio, GalleryWriter gallery)
{
    public async Task<PaintOutcome> PaintAsync(PaintPortrait job, string galleryId, string deleteTokenHash, CancellationToken cancellationToken)
    {
        var stages = new StageTimer();
        var source = await stages.RunAsync("download", () => fetcher.FetchAsync(job.SourceBlobName, cancellationToken));
        var result = await studio.PaintAsync(source, job.RequestedStyle, stages, cancellationToken);
        await stages.RunAsync("upload", async () =>
        {
            await gallery.WriteAsync(galleryId, result.Style.Style, job.Listed, deleteTokenHash, result.Painting, cancellationToken);
            return true;
        });
        return new PaintOutcome(result.Style, result.Framing, result.Figure, stages.TimingsMs);
    }
}
