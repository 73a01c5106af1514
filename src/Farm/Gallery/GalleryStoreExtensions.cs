using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace RenderFarm.Farm.Gallery;

public static class GalleryStoreExtensions
{
    /// <summary>The gallery's items and feed (Redis) and its images (blob store), for the Worker that writes them and the Gallery that serves them.</summary>
    public static TBuilder AddGalleryStore<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddSingleton(sp => new GalleryStore(sp.GetRequiredService<IConnectionMultiplexer>()));
        builder.Services.AddSingleton<GalleryPaintings>();
        return builder;
    }
}
