using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Farm.Jobs;

public static class JobRecordsExtensions
{
    /// <summary>The job records in Redis and the name of the queue jobs wait in, bound from "Jobs" and "Bus:PaintQueue".</summary>
    public static TBuilder AddJobRecords<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddValidatedOptions<JobOptions>(JobOptions.Section);
        builder.Services.AddSingleton(PaintQueue.FromConfiguration(builder.Configuration));
        builder.Services.AddSingleton<JobStore>();
        return builder;
    }
}
