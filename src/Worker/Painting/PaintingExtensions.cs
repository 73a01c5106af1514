using RenderFarm.Farm.Painters;
using RenderFarm.ServiceDefaults;
using RenderFarm.Worker.Scheduling;

namespace RenderFarm.Worker.Painting;

public static class PaintingExtensions
{
    /// <summary>
    /// The manifest of painters and one ONNX Runtime session per painter (CUDA or CPU), and the readiness check that
    /// fails when the painter keeps failing.
    /// </summary>
    public static TBuilder AddPainters<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddPainterCatalog();
        builder.Services.AddValidatedOptions<ExecutionOptions>(ExecutionOptions.Section);
        builder.Services.AddValidatedOptions<BatchingOptions>(BatchingOptions.Section);
        builder.Services.AddSingleton<PaintDemand>();
        builder.Services.AddSingleton<PainterHealth>();
        builder.Services.AddHealthChecks().AddCheck<PainterHealth>("painter", tags: [ServiceDefaultsExtensions.ReadyTag]);
        builder.Services.AddSingleton<SessionFactory>();
        builder.Services.AddSingleton<StageGraphs>();
        builder.Services.AddSingleton<PainterRegistry>();
        return builder;
    }
}
