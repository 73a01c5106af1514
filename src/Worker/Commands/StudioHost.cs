using RenderFarm.Farm.Painters;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Pipeline;

namespace RenderFarm.Worker.Commands;

/// <summary>The worker's painting services without the farm (no broker, Redis or blob store), for local commands.</summary>
public static class StudioHost
{
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
            // A command's output is its answer; only warnings join it, one line each. The provider is named by the
            // command itself, so the CUDA fallback's warning is not repeated.
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:RenderFarm.Worker.Painting.SessionFactory"] = "Error",
            ["Logging:Console:FormatterName"] = "simple",
            ["Logging:Console:FormatterOptions:SingleLine"] = "true",
        };
        var dirs = ModelDirectories.OrDefault(modelDirectories);
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
