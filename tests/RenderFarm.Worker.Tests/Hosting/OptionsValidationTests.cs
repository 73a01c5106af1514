using Microsoft.Extensions.Options;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Commands;

namespace RenderFarm.Worker.Tests.Hosting;

/// <summary>Settings that cannot work stop the worker while it starts, naming the setting.</summary>
public class OptionsValidationTests
{
    static async Task<OptionsValidationException> StartWithAsync(string key, string value)
    {
        using var host = StudioHost.Build(TestManifests.Only("ink"), [SharedData.RepoModels], "cpu",
            new Dictionary<string, string?> { [key] = value });
        return await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }

    [Theory]
    [InlineData("Batching:MaxBatch", "-1", "MaxBatch")]
    [InlineData("Canvas:Width", "510", "multiples of 4")]
    [InlineData("Execution:Provider", "tpu", "Provider")]
    [InlineData("Execution:StageGraphs", "gpu", "StageGraphs")]
    [InlineData("Execution:StageModels", "gpu", "StageModels")]
    [InlineData("Execution:StageModelBatches", "always", "StageModelBatches")]
    [InlineData("Execution:CudaSync", "sleep", "CudaSync")]
    [InlineData("Execution:CudnnConvAlgoSearch", "fastest", "CudnnConvAlgoSearch")]
    [InlineData("Decoder:MaxPixels", "0", "MaxPixels")]
    [InlineData("Jpeg:Codec", "webp", "Codec")]
    [InlineData("Figure:MinCoverage", "1.5", "MinCoverage")]
    public async Task A_setting_that_cannot_work_stops_the_worker_at_start_with_its_name(string key, string value, string named)
    {
        var error = await StartWithAsync(key, value);

        Assert.Contains(named, error.Message);
    }

    [Fact]
    public async Task Libjpeg_turbo_asked_for_and_missing_stops_the_worker_at_start_naming_the_library()
    {
        using var host = StudioHost.Build(TestManifests.Only("ink"), [SharedData.RepoModels], "cpu",
            new Dictionary<string, string?> { ["Jpeg:Codec"] = "libjpeg-turbo", ["Jpeg:Library"] = "libturbojpeg-missing.so.0" });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("libturbojpeg-missing.so.0", error.Message);
    }
}
