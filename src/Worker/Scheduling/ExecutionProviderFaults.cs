using Microsoft.ML.OnnxRuntime;

namespace RenderFarm.Worker.Scheduling;

/// <summary>
/// Which painter errors are the device's weather rather than the job's: the GPU ran out of memory, or CUDA, cuBLAS or
/// cuDNN failed underneath the execution provider. Those say nothing about the photo, so the job is retried (and the
/// worker reports not-ready if they keep coming); an invalid argument or a broken graph is the painter's own fault.
/// ONNX Runtime's managed exception carries its error code only in the message text, so the message is what is read.
/// </summary>
public static class ExecutionProviderFaults
{
    static readonly string[] DeviceFaultMarks =
    [
        "CUDA failure", "CUDA error", "CUBLAS failure", "CUDNN failure", "cuDNN failure", "TensorRT EP failed",
        "out of memory", "Failed to allocate memory", "[ErrorCode:EPFail]", "EP_FAIL",
    ];

    public static bool IsTransient(Exception exception) => exception switch
    {
        OnnxRuntimeException ort => DeviceFaultMarks.Any(mark => ort.Message.Contains(mark, StringComparison.OrdinalIgnoreCase)),
        _ when exception.InnerException is { } inner => IsTransient(inner),
        _ => false,
    };
}
