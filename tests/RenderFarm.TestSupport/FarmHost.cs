using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RenderFarm.TestSupport;

/// <summary>
/// One RenderFarm service (Gateway, Worker or Gallery) hosted in the test process against the real RabbitMQ,
/// Redis and Azurite that ./farm test started; settings override its appsettings. An optional log sink sees
/// every log record the service writes.
/// </summary>
public sealed class FarmHost<TEntryPoint>(
    IReadOnlyDictionary<string, string?> settings, ILoggerProvider? logSink = null, Action<IServiceCollection>? configureServices = null)
    : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        // The service's own folder (src/Gateway for RenderFarm.Gateway), so its appsettings.json applies from any caller.
        var project = typeof(TEntryPoint).Assembly.GetName().Name!["RenderFarm.".Length..];
        builder.UseContentRoot(Path.Combine(SharedData.RepoRoot, "src", project));
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        if (logSink is not null)
            builder.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(logSink)));
        if (configureServices is not null)
            builder.ConfigureServices(configureServices);
    }
}
