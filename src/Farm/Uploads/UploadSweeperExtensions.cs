using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RenderFarm.Farm.Jobs;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Farm.Uploads;

public static class UploadSweeperExtensions
{
    /// <summary>The upload sweeper: no source photo outlives Jobs:UploadTtl.</summary>
    public static TBuilder AddUploadSweeper<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddValidatedOptions<SweeperOptions>(SweeperOptions.Section);
        builder.Services.AddSingleton(sp => new SourceAgeMetrics(sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<JobOptions>>().Value.UploadTtl));
        builder.Services.AddSingleton<UploadSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<UploadSweeper>());
        return builder;
    }
}
