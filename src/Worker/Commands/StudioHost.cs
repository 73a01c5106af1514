using RenderFarm.Farm.Painters;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Pipeline;

namespace RenderFarm.Worker.Commands;

/// <summary>The worker's painting services without the farm (no broker, Redis or blob store), for local commands.</summary>
public static class StudioHost
{
    /// <summary>Model directories used when none are given: the repo's models and the shared pretrained ones.</summary>
    public static readonly string[] DefaultModelDirectories = ["models", "../shared/models", "../shared/styles"];

    public static IHost Build(string? manifest, IReadOnlyList<string> modelDirectories, string? provider = null,
        IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = false,
        });
        var settings = new Dictionary<string, string?>
        {
            [$"{PainterOptions.Section}:{nameof(PainterOptions.Manifest)}"] = Path.GetFullPath(manifest ?? "models/manifest.json"),
            // A command's output is its answer; only warnings (such as the CUDA fallback) join it.
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var dirs = modelDirectories.Count > 0 ? modelDirectories : DefaultModelDirectories;
        for (var i = 0; i < dirs.Count; i++)
            settings[$"{PainterOptions.Section}:{nameof(PainterOptions.ModelDirectories)}:{i}"] = Path.GetFullPath(dirs[i]);
        if (provider is not null)
            settings[$"{ExecutionOptions.Section}:{nameof(ExecutionOptions.Provider)}"] = provider;
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
            settings[key] = value;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPainters();
        builder.AddFaceDetection();
        builder.AddFigureGround();
        builder.AddPortraitPipeline();
        return builder.Build();
    }
}
