using RenderFarm.Contracts;
using RenderFarm.Farm.Jobs;
using RenderFarm.Farm.Painters;
using RenderFarm.Gateway.Styles;

namespace RenderFarm.Gateway.Portraits;

/// <summary>The public view of a job: what GET /api/portraits/{id} answers.</summary>
public sealed record JobStatusView(
    Guid Id,
    string Status,
    string RequestedStyle,
    string? Style,
    string? StyleReason,
    ArtworkView? Artwork,
    string? Framing,
    string? Figure,
    string? GalleryId,
    string? ImageUrl,
    string? ThumbnailUrl,
    JobErrorView? Error,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyDictionary<string, double> Timings,
    long? QueuePosition = null,
    double? EtaSeconds = null)
{
    public static JobStatusView From(JobRecord job, GalleryLinkOptions links, PainterCatalog painters, long? queuePosition = null, double? etaSeconds = null)
    {
        // The gallery id is reserved while painting; it is only a public link once the painting exists.
        var galleryId = job.Status == JobStatus.Succeeded ? job.GalleryId : null;
        return new JobStatusView(
            job.Id, job.Status, job.RequestedStyle, job.Style, job.StyleReason, ArtworkView.For(job.Style, painters),
            job.Framing, job.Figure, galleryId,
            galleryId is null ? null : links.ImageUrl(galleryId),
            galleryId is null ? null : links.ThumbnailUrl(galleryId),
            job.ErrorCode is null ? null : new JobErrorView(job.ErrorCode, job.ErrorMessage ?? ""),
            job.SubmittedAt, job.StartedAt, job.CompletedAt, job.TimingsMs, queuePosition, etaSeconds);
    }
}
