using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Consumers;
using RenderFarm.Worker.Painting;

namespace RenderFarm.Benchmarks;

/// <summary>
/// <c>RenderFarm.Benchmarks worker &lt;ms per batch&gt;</c>: the real Worker (its own Program, listening with Kestrel on
/// the "Urls" it is given, in a process of its own) with the simulated GPU as its painter source. The simulated
/// painter lives here, not in the Worker.
/// </summary>
public static class BenchWorker
{
    const string CommandName = "worker";

    /// <summary>The hidden command a benchmark worker process runs.</summary>
    public static Command Create()
    {
        var msPerBatch = new Argument<int>("ms-per-batch") { Description = "The simulated GPU's time per batch" };
        var command = new Command(CommandName, "A worker process of the scale-out part, painting on a simulated GPU") { msPerBatch };
        command.Hidden = true;
        command.SetAction(result => RunAsync(result.GetValue(msPerBatch)));
        return command;
    }

    /// <summary>Starts a benchmark worker process painting external painters in <paramref name="msPerBatch"/> a batch.</summary>
    public static ServiceProcess Start(IReadOnlyDictionary<string, string?> settings, int msPerBatch) =>
        ServiceProcess.StartAssembly("Worker", AppContext.BaseDirectory, "RenderFarm.Benchmarks.dll",
            $"{CommandName} {msPerBatch.ToString(CultureInfo.InvariantCulture)}", settings);

    static async Task<int> RunAsync(int msPerBatch)
    {
        var stopped = new TaskCompletionSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stopped.TrySetResult();
        });
        await using var factory = new WebApplicationFactory<PaintPortraitConsumer>().WithWebHostBuilder(web =>
        {
            // The environment the farm's processes run in; the factory's default (Development) would relax checks.
            web.UseEnvironment(Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production");
            web.ConfigureServices(services => services.AddSingleton<IBatchPainterSource>(new SimulatedGpuSource(TimeSpan.FromMilliseconds(msPerBatch))));
        });
        factory.UseKestrel();
        factory.StartServer();
        await stopped.Task;
        return 0;
    }
}
