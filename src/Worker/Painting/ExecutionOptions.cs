using System.ComponentModel.DataAnnotations;

namespace RenderFarm.Worker.Painting;

/// <summary>Which ONNX Runtime execution provider paints. Section "Execution".</summary>
public sealed class ExecutionOptions
{
    public const string Section = "Execution";

    /// <summary>"auto" (CUDA if it loads, else CPU), "cuda" (fail without it) or "cpu".</summary>
    [AllowedValues("auto", "cuda", "cpu")]
    public string Provider { get; set; } = "auto";


    [Range(0, 64)]
    public int CudaDeviceId { get; set; }

    /// <summary>CPU threads per inference; 0 means one per core.</summary>
    [Range(0, 1024)]
    public int IntraOpThreads { get; set; }

    /// <summary>Let ONNX Runtime's threads spin between inferences (faster back-to-back runs, cores held meanwhile).</summary>
    public bool SpinThreads { get; set; }

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
