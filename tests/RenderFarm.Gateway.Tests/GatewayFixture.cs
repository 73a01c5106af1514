using RenderFarm.Gateway.Portraits;
using RenderFarm.TestSupport;

namespace RenderFarm.Gateway.Tests;

/// <summary>
/// One Gateway on the real services for all the tests of a class (xUnit's class fixture, as eShop's functional tests
/// share their host): a fresh farm's settings with its own paint queue, adjusted by <typeparamref name="TSettings"/>,
/// started once and its queue deleted when the class is done. For tests that do not break the services.
/// </summary>
public sealed class GatewayFixture<TSettings> : IAsyncLifetime where TSettings : IGatewaySettings
{
    readonly Dictionary<string, string?> settings = FarmSettings.Create();
    FarmHost<PortraitIntake> host = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The Gateway's services, for tests that set up state (a job record) the way the Worker would.</summary>
    public IServiceProvider Services => host.Services;

    public Task InitializeAsync()
    {
        TSettings.Configure(settings);
        host = new FarmHost<PortraitIntake>(settings);
        Client = host.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await host.DisposeAsync();
        await TestQueues.DeleteAsync(settings);
    }
}
