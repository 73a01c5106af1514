namespace RenderFarm.Worker.Painting;

/// <summary>
/// ONNX Runtime's CUDA provider options the worker sets from <see cref="ExecutionOptions"/>: the device, how cuDNN
/// chooses each convolution's kernels, and the tensors' layout. On an H200 the painter ran ~11× slower on this
/// provider than the same file on PyTorch's kernels (docs/PERFORMANCE.md 0n); both choices are among what can make
/// that difference, so a node's operator can try them without a new build.
/// </summary>
public static class CudaProviderSettings
{
    /// <summary>The provider's option names and values, as ONNX Runtime's OrtCUDAProviderOptions takes them.</summary>
    public static Dictionary<string, string> For(ExecutionOptions settings)
    {
        var options = new Dictionary<string, string>
        {
            ["device_id"] = settings.CudaDeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["cudnn_conv_algo_search"] = settings.CudnnConvAlgoSearch.ToUpperInvariant(),
        };
        // Only when asked: the provider's default stays its own where the setting is off.
        if (settings.CudaPreferNhwc)
            options["prefer_nhwc"] = "1";
        return options;
    }
}
