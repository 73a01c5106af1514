using Microsoft.Extensions.DependencyInjection;
using RenderFarm.Farm.Gallery;
using RenderFarm.Farm.Jobs;

namespace RenderFarm.Gateway.Tests.Portraits;

/// <summary>What a Worker writes to a job record, done with the Gateway's own JobStore on the real Redis.</summary>
public static class WorkerSteps
{
    /// <summary>A claimed job's success, painted with <paramref name="style"/>, and its (unlisted) gallery item, as the worker's one script writes them.</summary>
    public static Task<TransitionResult> SucceedAsync(IServiceProvider services, Guid jobId, string style, string reason, string figure)
    {
        var painting = services.GetRequiredService<GalleryStore>()
            .Entry(new GalleryItem(DeleteTokens.NewGalleryId(), style, DateTimeOffset.UtcNow, Listed: false, "", 1));
        return services.GetRequiredService<JobStore>().SucceedAsync(jobId, new JobSuccess(style, reason, "test framing", figure, DateTimeOffset.UtcNow,
            new Dictionary<string, double> { ["total"] = 1 }), painting);
    }
}
