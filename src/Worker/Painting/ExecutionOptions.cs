using System.ComponentModel.DataAnnotations;

namespace RenderFarm.Worker.Painting;

/// <summary>Which ONNX Runtime execution provider paints, with how many CPU threads, and what else runs on it. Section "Execution".</summary>
public sealed class ExecutionOptions
{
    public const string Section = "Execution";

    /// <summary>"auto" (CUDA if it loads, else CPU), "cuda" (fail without it) or "cpu".</summary>
    [AllowedValues("auto", "cuda", "cpu")]
    public string Provider { get; set; } = "auto";

    /// <summary>CUDA device index.</summary>
    [Range(0, 64)]
    public int CudaDeviceId { get; set; }

    /// <summary>CPU threads per inference; 0 means one per core.</summary>
    [Range(0, 1024)]
    public int IntraOpThreads { get; set; }

    /// <summary>
    /// Where the graphs of a job's CPU stages (the mask's guided filter, the tone step) run. "auto": on the painters'
    /// device when they run on CUDA, so a GPU node's cores stay free for the stages that must run on them; in C# on the
    /// stage threads otherwise, where it is faster than the graphs on the CPU provider. "device": always the graphs (on
    /// the CPU provider where there is no CUDA). "host": always the C#.
    /// </summary>
    [AllowedValues("auto", "device", "host")]
    public string StageGraphs { get; set; } = "auto";

    /// <summary>Let ONNX Runtime's threads spin between inferences (faster back-to-back runs, cores held meanwhile).</summary>
    public bool SpinThreads { get; set; }
}
