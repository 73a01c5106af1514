using System.Text.RegularExpressions;
using RenderFarm.TestSupport;

namespace RenderFarm.Worker.Tests.Painting;

/// <summary>
/// A worker says once, in its own words, which execution provider paints; on a machine without CUDA's libraries
/// ONNX Runtime's own red error line for the failed CUDA load does not appear (it did for every session).
/// </summary>
public sealed class ProviderLogTests
{
    [Fact]
    public async Task A_worker_names_its_provider_once_and_no_native_cuda_error_is_printed()
    {
        var settings = FarmSettings.OnlyPainter("ink");
        settings["Execution:Provider"] = "auto";
        try
        {
            await using var worker = ServiceProcess.Start("Worker", settings);
            await worker.WaitUntilHealthyAsync(TimeSpan.FromMinutes(2));

            Assert.DoesNotContain("[E:onnxruntime", worker.Output);
            var said = Regex.Count(worker.Output, "Painting on CUDA device|CUDA execution provider unavailable");
            Assert.True(said == 1, $"the provider was named {said} times:\n{worker.Output}");
        }
        finally
        {
            await TestQueues.DeleteAsync(settings);
        }
    }
}
