using Microsoft.Extensions.DependencyInjection;
using RenderFarm.Contracts;
using RenderFarm.Farm.Jobs;

namespace RenderFarm.EndToEnd.Tests.Faults;

public static class Uploads
{
    /// <summary>
    /// Source blobs whose job is missing or already ended: faces nobody will ever delete but the sweeper. A blob is
    /// only counted if it is still orphaned a moment later (an upload being accepted has its blob before its record).
    /// </summary>
    public static async Task<List<string>> OrphansAsync(TestFarm farm)
    {
        var jobs = farm.GatewayServices.GetRequiredService<JobStore>();
        async Task<List<string>> Scan()
        {
            var orphans = new List<string>();
            await foreach (var upload in farm.Uploads.StoredBeforeAsync(DateTimeOffset.MaxValue, CancellationToken.None))
            {
                var job = upload.JobId is { } id ? await jobs.GetAsync(id) : null;
                if (job is null || JobStatus.IsTerminal(job.Status)) orphans.Add(upload.BlobName);
            }
            return orphans;
        }
        var first = await Scan();
        if (first.Count == 0) return first;
        await Task.Delay(TimeSpan.FromSeconds(2));
        return (await Scan()).Intersect(first).ToList();
    }
}
