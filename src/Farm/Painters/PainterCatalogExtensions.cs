using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Farm.Painters;

public static class PainterCatalogExtensions
{
    /// <summary>The manifest of painters, bound from "Painters".</summary>
    public static TBuilder AddPainterCatalog<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddValidatedOptions<PainterOptions>(PainterOptions.Section);
        builder.Services.AddSingleton<PainterCatalog>();
        // Read the manifest at start-up: a missing or broken manifest stops the service, not each request.
        builder.Services.AddHostedService<PainterCatalogLoader>();
        return builder;
    }
}
