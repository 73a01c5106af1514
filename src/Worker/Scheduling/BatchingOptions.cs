using System.ComponentModel.DataAnnotations;

namespace RenderFarm.Worker.Scheduling;

/// <summary>Dynamic batching of paint requests per painter. Section "Batching".</summary>
public sealed class BatchingOptions
{
    public const string Section = "Batching";

    /// <summary>Most portraits painted in one inference. 1 turns batching off.</summary>
    [Range(1, 256)]
    public int MaxBatch { get; set; } = 4;

    /// <summary>Longest a request waits for company, and only while more jobs are on their way to the painter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Failed inferences in a row after which the worker reports not-ready (any success resets the count).</summary>
    [Range(1, 10000)]
    public int FailuresBeforeNotReady { get; set; } = 3;
}
