using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace RenderFarm.TestSupport;

/// <summary>
/// One RenderFarm service (Gateway, Worker or Gallery) hosted in the test process against the real RabbitMQ,
/// Redis and Azurite that ./farm test started; settings override its appsettings.
/// </summary>
public sealed class FarmHost<TEntryPoint>(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
    }
}
