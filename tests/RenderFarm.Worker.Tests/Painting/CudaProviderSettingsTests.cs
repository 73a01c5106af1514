using RenderFarm.Worker.Painting;

namespace RenderFarm.Worker.Tests.Painting;

/// <summary>The worker's Execution settings as ONNX Runtime's CUDA provider options (names and values it accepts).</summary>
public sealed class CudaProviderSettingsTests
{
    [Theory]
    [InlineData("exhaustive", "EXHAUSTIVE")]
    [InlineData("heuristic", "HEURISTIC")]
    [InlineData("default", "DEFAULT")]
    public void The_convolution_search_is_named_as_the_provider_spells_it(string setting, string option)
    {
        var options = CudaProviderSettings.For(new ExecutionOptions { CudnnConvAlgoSearch = setting });

        Assert.Equal(option, options["cudnn_conv_algo_search"]);
    }

    [Fact]
    public void The_device_is_the_configured_one() =>
        Assert.Equal("3", CudaProviderSettings.For(new ExecutionOptions { CudaDeviceId = 3 })["device_id"]);

    [Fact]
    public void Channels_last_is_asked_only_when_configured()
    {
        Assert.False(CudaProviderSettings.For(new ExecutionOptions()).ContainsKey("prefer_nhwc"));
        Assert.Equal("1", CudaProviderSettings.For(new ExecutionOptions { CudaPreferNhwc = true })["prefer_nhwc"]);
    }
}
