using System.CommandLine;

namespace RenderFarm.Benchmarks;

/// <summary>
/// The benchmarks' command line (System.CommandLine, as the worker's): `./farm bench [flags]` runs the whole-farm
/// benchmark, the subcommands the smaller tools. Every command answers --help, and an unknown flag or a bad value is
/// an error that names it, instead of a long run with the default.
/// </summary>
public static class BenchCommands
{
    public static Task<int> InvokeAsync(string[] args)
    {
        var root = new RootCommand("RenderFarm benchmarks: the whole farm on this machine (docs/PERFORMANCE.md parts 1–6), or one of the tools below.")
        {
            StageProfile.Create(),
            StageProfile.CreateDiff(),
            GpuCheckKit.Create(),
            QualityReport.Create(),
            Sas(),
            BenchWorker.Create(),
            StudioLoad.Create(),
        };
        BenchOptions.AddTo(root);
        root.SetAction(result => FarmBench.RunAsync(BenchOptions.From(result), string.Join(' ', args)));
        // No SIGTERM handling of the parser's own: a benchmark worker drains on SIGTERM itself, a benchmark stops at once.
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }

    /// <summary>For the load test: a URL that lets `hey` PUT straight into Azurite, the raw store throughput to compare with.</summary>
    static Command Sas()
    {
        var container = new Argument<string>("container");
        var blob = new Argument<string>("blob");
        var command = new Command("sas", "Print a write SAS URL for a blob in the farm's store (ConnectionStrings__blobs)") { container, blob };
        command.SetAction(async result =>
        {
            var service = new Azure.Storage.Blobs.BlobServiceClient(Environment.GetEnvironmentVariable("ConnectionStrings__blobs") ?? "UseDevelopmentStorage=true");
            var containerClient = service.GetBlobContainerClient(result.GetValue(container));
            await containerClient.CreateIfNotExistsAsync();
            Console.WriteLine(containerClient.GetBlobClient(result.GetValue(blob)).GenerateSasUri(
                Azure.Storage.Sas.BlobSasPermissions.Write | Azure.Storage.Sas.BlobSasPermissions.Create, DateTimeOffset.UtcNow.AddHours(1)));
            return 0;
        });
        return command;
    }
}
