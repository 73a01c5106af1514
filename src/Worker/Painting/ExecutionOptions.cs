namespace RenderFarm.Worker.Painting;

/// <summary>Which ONNX Runtime execution provider paints. Section "Execution".</summary>
public sealed class ExecutionOptions
{
    public const string Section = "Execution";

    /// <summary>"auto" (CUDA if it loads, else CPU), "cuda" (fail without it) or "cpu".</summary>
    public string Provider { get; set; } = "auto";

    public int CudaDeviceId { get; set; }

    /// <summary>CPU threads per inference; 0 means one per core.</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>Let ONNX Runtime's threads spin between inferences (faster back-to-back runs, cores held meanwhile).</summary>
    public bool SpinThreads { get; set; }
}
