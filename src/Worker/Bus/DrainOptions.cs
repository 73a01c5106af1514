using System.ComponentModel.DataAnnotations;

namespace RenderFarm.Worker.Bus;

/// <summary>Graceful shutdown of a worker. Section "Drain".</summary>
public sealed class DrainOptions
{
    public const string Section = "Drain";

    /// <summary>How long a stopping worker may finish the jobs it holds (Kubernetes' grace period must be longer).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(1);
}
