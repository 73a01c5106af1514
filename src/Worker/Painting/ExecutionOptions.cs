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

    /// <summary>
    /// Where the two stage models (the face detector, the person segmenter) run. "host": ONNX Runtime's CPU provider,
    /// one thread, whatever paints. "device": the painters' provider. "auto": the device, unless they would run there a
    /// job at a time (<see cref="StageModelBatches"/> "off") on a node of at least <see cref="HostStageModelsMinCores"/>
    /// cores, where the host. Measured on an H200 node of 16 cores with the worker itself (docs/PERFORMANCE.md 0n):
    /// batched on the device they cost the node's cores 22.6 core-ms per portrait outside the painter, on the cores
    /// 53.0, at the same portraits/s; run a job at a time on the device they took the GPU twice the painter's time
    /// (0l, ~275 portraits/s against ~535 with them on the cores). Only a node with CUDA sees a difference.
    /// </summary>
    [AllowedValues("auto", "device", "host")]
    public string StageModels { get; set; } = "auto";

    /// <summary>
    /// The fewest cores at which "auto" runs the stage models on the host where they would run a job at a time on the
    /// device. From 0l's numbers: then the GPU does ~275 portraits/s and the cores need ~15–21 core-ms each; on the
    /// host the GPU does ~535/s and the cores need ~27–40 core-ms each, so the host is faster where cores × 1000 / 40
    /// ≥ 275, from 11 cores (12 to be sure).
    /// </summary>
    public const int HostStageModelsMinCores = 12;

    /// <summary>Whether the stage models run on the CPU provider on a node of <paramref name="cores"/> cores.</summary>
    public bool StageModelsOnHost(int cores) => StageModels == "host"
        || (StageModels == "auto" && StageModelBatches == "off" && cores >= HostStageModelsMinCores);

    /// <summary>
    /// Whether the stage models gather the jobs on their way to them into one run (<see cref="Scheduling.StageModelBatches{TItem, TResult}"/>).
    /// "auto": where they run on CUDA, whose every kernel launch costs the host and whose GPU time one job at a time was
    /// twice the painter's (docs/PERFORMANCE.md 0l). "on": wherever they run (on the CPU provider too, to measure and
    /// test it). "off": a job at a time. Batched, their files are opened with a free batch dimension (<see cref="FreeBatchDimension"/>).
    /// </summary>
    [AllowedValues("auto", "on", "off")]
    public string StageModelBatches { get; set; } = "auto";

    /// <summary>Whether stage models opened on <paramref name="provider"/> gather jobs into batches.</summary>
    public bool BatchStageModels(string provider) => StageModelBatches == "on" || (StageModelBatches == "auto" && provider == "cuda");

    /// <summary>
    /// How a thread waits for the GPU at the end of an inference on CUDA (<see cref="CudaSchedule"/>): "block" (the
    /// default) sleeps until the GPU is done; "auto" leaves CUDA's own choice, which spins while the process has fewer
    /// GPU contexts than the machine has cores, holding a core for the GPU's whole run; "spin" and "yield" force
    /// spinning. On a GPU node the cores are what feed the GPU (issue 15): on an H200 node under CUDA's own choice the
    /// painter's thread was busy for its batches' whole wall time and the stage threads for their models' runs
    /// (docs/PERFORMANCE.md 0n); a sleeping thread's wake-up costs microseconds against runs of milliseconds.
    /// </summary>
    [AllowedValues("auto", "spin", "yield", "block")]
    public string CudaSync { get; set; } = "block";

    /// <summary>
    /// How cuDNN chooses each convolution's kernels on CUDA (ONNX Runtime's cudnn_conv_algo_search): "exhaustive" times
    /// every candidate at each new shape's first run (the provider's default: slow first runs, which the warm-up takes);
    /// "heuristic" takes cuDNN's pick without timing; "default" one fixed algorithm. Elsewhere ignored.
    /// </summary>
    [AllowedValues("exhaustive", "heuristic", "default")]
    public string CudnnConvAlgoSearch { get; set; } = "exhaustive";

    /// <summary>
    /// Whether ONNX Runtime's CUDA provider runs convolutions channels-last (prefer_nhwc), the layout of the GPU's
    /// tensor-core kernels, at the price of layout changes around them. Off: the provider's default layout.
    /// </summary>
    public bool CudaPreferNhwc { get; set; }

    /// <summary>
    /// Where ONNX Runtime writes a profile of every session (each node's execution provider and time), one JSON file
    /// per session when it closes; empty: none. A diagnosis of a node (why a model is slower there than expected), not
    /// for serving: profiling costs time per node.
    /// </summary>
    public string? ProfileDirectory { get; set; }

    /// <summary>Let ONNX Runtime's threads spin between inferences (faster back-to-back runs, cores held meanwhile).</summary>
    public bool SpinThreads { get; set; }
}
