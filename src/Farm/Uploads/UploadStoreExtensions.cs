using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace RenderFarm.Farm.Uploads;

public static class UploadStoreExtensions
{
    /// <summary>The uploads container as a store of source photos by job id.</summary>
    public static TBuilder AddUploadStore<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddSingleton<UploadStore>();
        return builder;
    }
}
