using System.ComponentModel.DataAnnotations;

namespace RenderFarm.Worker.Painting;

/// <summary>Which ONNX Runtime execution provider paints, and with how many CPU threads. Section "Execution".</summary>
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

    /// <summary>Let ONNX Runtime's threads spin between inferences (faster back-to-back runs, cores held meanwhile).</summary>
    public bool SpinThreads { get; set; }
}
