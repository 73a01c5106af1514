using RenderFarm.Contracts;
using RenderFarm.Gateway.Uploads;
using RenderFarm.ServiceDefaults;
namespace RenderFarm.Gateway.Defences;

public static class DefenceExtensions
{
    /// <summary>Load shedding from queue depth and pace, and server limits against slow or oversized requests.</summary>
    public static WebApplicationBuilder AddLoadShedding(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<SheddingOptions>(SheddingOptions.Section);
        builder.Services.AddSingleton<LoadShedder>();
        builder.Services.AddSingleton<QueueMetrics>();
        builder.Services.AddHostedService<QueueDepthProbe>();
        return builder;
    }

    /// <summary>
    /// Kestrel limits against slow clients (slowloris: headers within 10 s, bodies at ≥ 1 KB/s after a 5 s grace) and
    /// per-endpoint request timeouts (ASP.NET Core's RequestTimeouts middleware).
    /// </summary>
    public static WebApplicationBuilder AddServerLimits(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(60);
            kestrel.Limits.MinRequestBodyDataRate = new Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate(1024, TimeSpan.FromSeconds(5));
            kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            kestrel.Limits.MaxConcurrentUpgradedConnections = 1000;
        });
        builder.Services.AddRequestTimeouts(timeouts =>
        {
            timeouts.DefaultPolicy = new Microsoft.AspNetCore.Http.Timeouts.RequestTimeoutPolicy
            {
                Timeout = TimeSpan.FromSeconds(30),
                TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
                WriteTimeoutResponse = context => ProblemResults.Problem(StatusCodes.Status504GatewayTimeout, ErrorCodes.RequestTimeout,
                    "The request took too long; try again.", TimeSpan.FromSeconds(5)).ExecuteAsync(context),
            };
            // An upload that outlasts its time is the client's slow connection far more often than ours: a 408.
            timeouts.AddPolicy(UploadTimeoutPolicy, new Microsoft.AspNetCore.Http.Timeouts.RequestTimeoutPolicy
            {
                Timeout = (builder.Configuration.GetSection(UploadOptions.Section).Get<UploadOptions>() ?? new UploadOptions()).Timeout,
                TimeoutStatusCode = StatusCodes.Status408RequestTimeout,
                WriteTimeoutResponse = context => ProblemResults.Problem(StatusCodes.Status408RequestTimeout, ErrorCodes.RequestTimeout,
                    "The photo did not arrive in time; try again on a better connection.").ExecuteAsync(context),
            });
        });
        return builder;
    }

    public const string UploadTimeoutPolicy = "upload";
}
