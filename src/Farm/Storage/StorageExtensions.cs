using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RenderFarm.ServiceDefaults;
using StackExchange.Redis;

namespace RenderFarm.Farm.Storage;

public static class StorageExtensions
{
    /// <summary>
    /// Redis and the blob store with its two containers (or, given only ConnectionStrings:galleryContainer, the gallery
    /// container alone), as singletons, and their readiness checks.
    /// </summary>
    public static TBuilder AddFarmStorage<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var redis = ConnectionStrings.Required(builder.Configuration, builder.Environment, ConnectionNames.Redis, "127.0.0.1:6379");
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var options = ConfigurationOptions.Parse(redis);
            // Start even while Redis is away: calls fail (and are answered 503) instead of the process dying.
            options.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(options);
        });

        // Least privilege: a service given only the gallery container's SAS URL (the Gallery) never holds the account.
        if (builder.Configuration.GetConnectionString(ConnectionNames.GalleryContainer) is { Length: > 0 } gallery
            && builder.Configuration.GetConnectionString(ConnectionNames.Blobs) is not { Length: > 0 })
        {
            builder.Services.AddSingleton(_ => new FarmBlobContainers(new BlobContainerClient(new Uri(gallery), BlobOptions())));
        }
        else
        {
            var blobs = ConnectionStrings.Required(builder.Configuration, builder.Environment, ConnectionNames.Blobs, "UseDevelopmentStorage=true");
            builder.Services.AddSingleton(_ => new FarmBlobContainers(new BlobServiceClient(blobs, BlobOptions())));
        }
        builder.Services.AddHostedService<BlobContainerInitializer>();
        builder.Services.AddHealthChecks()
            .AddRedis(sp => sp.GetRequiredService<IConnectionMultiplexer>(), "redis", tags: [ServiceDefaultsExtensions.ReadyTag], timeout: TimeSpan.FromSeconds(3))
            .AddCheck<BlobStoreHealthCheck>("blobs", tags: [ServiceDefaultsExtensions.ReadyTag], timeout: TimeSpan.FromSeconds(5));
        return builder;
    }

    // The SDK's defaults wait 100 s per try: a stalled store would hold uploads for minutes. Short tries with a
    // few quick retries ride out a blip and turn an outage into a prompt 503.
    static BlobClientOptions BlobOptions()
    {
        var options = new BlobClientOptions(BlobClientOptions.ServiceVersion.V2025_11_05);
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        return options;
    }
}
