using Microsoft.Extensions.Options;
using RenderFarm.Contracts;
using RenderFarm.Farm.Jobs;
using RenderFarm.Farm.Painters;
using RenderFarm.Gateway.Defences;

namespace RenderFarm.Gateway.Portraits;

/// <summary>A job's public view with its place in the queue and an estimate of when it will be painted.</summary>
public sealed class JobProgress(JobStore jobs, LoadShedder shedder, IOptions<GalleryLinkOptions> links, PainterCatalog painters)
{
    public async Task<JobStatusView?> GetAsync(Guid id)
    {
        var job = await jobs.GetAsync(id);
        if (job is null) return null;
        if (job.Status != JobStatus.Queued)
            return JobStatusView.From(job, links.Value, painters);

        var position = await jobs.QueuePositionAsync(id);
        var pace = shedder.Pace.PaintingsPerSecond;
        // Everything ahead of it, and itself, at the farm's recent pace; unknown until the farm has a pace.
        double? eta = position is { } p && pace > 0 ? Math.Round(p / pace, 1) : null;
        return JobStatusView.From(job, links.Value, painters, position, eta);
    }
}
