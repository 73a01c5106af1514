using System.ComponentModel.DataAnnotations;

namespace RenderFarm.Gateway.Portraits;

/// <summary>How a status stream (GET /api/portraits/{id}/events) reads its job between announced changes. Section "StatusStreams".</summary>
public sealed class StatusStreamOptions
{
    public const string Section = "StatusStreams";

    /// <summary>
    /// How often a queued job's place and estimate are read again: they move whenever a job ahead of it is claimed,
    /// which is not announced to each job behind it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan QueuedRefresh { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How often the record is read even though no change was announced: Redis pub/sub delivers at most once, and a
    /// Gateway reconnecting to Redis misses what was said meanwhile, so a stream still ends within this of its job.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan Recheck { get; set; } = TimeSpan.FromSeconds(5);
}
