using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace RenderFarm.Farm.Painters;

/// <summary>Loads the painter catalog while the host starts, so a bad Painters:Manifest fails fast and loudly.</summary>
public sealed class PainterCatalogLoader(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<PainterCatalog>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
