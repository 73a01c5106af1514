using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RenderFarm.Farm.Painters;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Scheduling;

namespace RenderFarm.Worker.Tests;

/// <summary>The real painters of the repo manifest, with the shared models directory, on the CPU provider.</summary>
public static class Painters
{
    public static PainterRegistry CreateRegistry(string? manifest = null, params string[] modelDirectories) =>
        CreateRegistry(null, manifest, modelDirectories);

    public static PainterRegistry CreateRegistry(BatchingOptions? batching, string? manifest, params string[] modelDirectories) =>
        CreateRegistry(batching, manifest, null, modelDirectories);

    public static PainterRegistry CreateRegistry(BatchingOptions? batching, string? manifest, IEnumerable<IBatchPainterSource>? sources, params string[] modelDirectories)
    {
        var options = new PainterOptions
        {
            Manifest = manifest ?? SharedData.RepoManifest,
            ModelDirectories = modelDirectories.Length > 0 ? [.. modelDirectories] : [SharedData.RepoModels, SharedData.Models, SharedData.Styles],
        };
        var catalog = new PainterCatalog(Options.Create(options), NullLogger<PainterCatalog>.Instance);
        var sessions = new SessionFactory(Options.Create(new ExecutionOptions { Provider = "cpu" }), NullLogger<SessionFactory>.Instance);
        var batchingOptions = Options.Create(batching ?? new BatchingOptions());
        return new PainterRegistry(catalog, sessions, batchingOptions, new PaintDemand(),
            new PainterHealth(batchingOptions, NullLogger<PainterHealth>.Instance), sources ?? [], NullLogger<PainterRegistry>.Instance);
    }
}
