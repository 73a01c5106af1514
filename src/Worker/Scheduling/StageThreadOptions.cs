using System.ComponentModel.DataAnnotations;

namespace RenderFarm.Worker.Scheduling;

/// <summary>
/// The threads that run a job's CPU stages beside the painter. Bound from section "Execution", beside the execution
/// provider's own settings, since both decide who gets the cores.
/// </summary>
public sealed class StageThreadOptions
{
    public const string Section = "Execution";

    /// <summary>Threads for the CPU stages of jobs (decode, detect, frame, encode); 0 means one per core.</summary>
    [Range(0, 1024)]
    public int StageThreads { get; set; }

    /// <summary>
    /// Nice value of those threads (Linux, 0–19; 0 leaves them level with the painter). Above 0 the painter's threads
    /// win every contended core, so a CPU-bound model is not slowed by the stages of the jobs around it.
    /// </summary>
    [Range(0, 19)]
    public int StageNice { get; set; } = 10;
}
