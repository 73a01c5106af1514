using System.ComponentModel.DataAnnotations;

namespace RenderFarm.Gateway.Defences;

/// <summary>When to refuse new uploads because the farm cannot finish them in time. Section "Shedding".</summary>
public sealed class SheddingOptions
{
    public const string Section = "Shedding";

    /// <summary>Refuse uploads while the queue would take longer than this to drain at the recent pace.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxQueueTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Never shed below this queue depth (a cold farm has no recent pace yet).</summary>
    [Range(0, int.MaxValue)]
    public int MinDepth { get; set; } = 20;

    /// <summary>With no paintings finished recently (no workers, or all stuck), refuse once the queue is this deep.</summary>
    [Range(1, int.MaxValue)]
    public int MaxDepthWithoutProgress { get; set; } = 200;

    /// <summary>How often the Gateway reads the queue depth from RabbitMQ and the pace from Redis.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Window over which the farm's pace (paintings per second) is measured.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan PaceWindow { get; set; } = TimeSpan.FromMinutes(2);
}
