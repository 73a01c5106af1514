using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace RenderFarm.ServiceDefaults;

/// <summary>Plumbing every RenderFarm service shares: telemetry, health checks, options.</summary>
public static class ServiceDefaultsExtensions
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddFarmTelemetry();
        builder.AddTrustedProxies();
        builder.Services.AddValidatedOptions<ManagementOptions>(ManagementOptions.Section);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BackingServiceExceptionHandler>();
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    public static TBuilder AddFarmTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        // Every log record made inside a request or a job carries its trace id (JSON console, OTLP).
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName, serviceVersion: FarmVersion.Current))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("System.Runtime")
                .AddMeter("MassTransit")
                .AddMeter(FarmTelemetry.MeterName)
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(FarmTelemetry.ActivitySourceName)
                .AddSource("MassTransit")
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx =>
                    !ctx.Request.Path.StartsWithSegments("/health") && !ctx.Request.Path.StartsWithSegments("/metrics"))
                .AddHttpClientInstrumentation()
                .AddRedisInstrumentation()
                .AddProcessor(new IdentifyingTagScrubber()));

        // Export only where an operator configured a collector (the standard OTEL_* variables).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            otel.UseOtlpExporter();

        return builder;
    }

    /// <summary>
    /// /health/live answers while the process runs; /health/ready once its dependencies answer; /metrics for
    /// Prometheus. With Management:Port set they answer on that port only (<see cref="ManagementOptions"/>).
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        var management = app.Services.GetRequiredService<IOptions<ManagementOptions>>().Value;
        IEndpointConventionBuilder[] endpoints =
        [
            app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) }),
            app.MapHealthChecks("/health/ready", new HealthCheckOptions
            {
                Predicate = r => r.Tags.Contains(ReadyTag),
                ResponseWriter = HealthReportWriter.WriteAsync,
            }),
            // Prometheus scrapes here; it exposes only aggregate counters and histograms, nothing about a person.
            app.MapPrometheusScrapingEndpoint("/metrics"),
        ];
        if (management.Port > 0)
        {
            foreach (var endpoint in endpoints)
                endpoint.RequireHost($"*:{management.Port}");
        }
        return app;
    }
}
