using RenderFarm.Gateway.Portraits;
using RenderFarm.TestSupport;

namespace RenderFarm.Gateway.Tests;

/// <summary>Base for tests of one Gateway on the real services: a fresh farm's settings, a host and a client.</summary>
public abstract class GatewayHost : IAsyncLifetime
{
    FarmHost<PortraitIntake> host = null!;

    protected HttpClient Client { get; private set; } = null!;

    /// <summary>The Gateway's services, for tests that set up state (a job record) the way the Worker would.</summary>
    protected IServiceProvider Services => host.Services;

    /// <summary>Adjusts the settings before the Gateway starts.</summary>
    protected virtual void Configure(Dictionary<string, string?> settings) { }

    Dictionary<string, string?> settings = null!;

    public Task InitializeAsync()
    {
        settings = FarmSettings.Create();
        Configure(settings);
        host = new FarmHost<PortraitIntake>(settings);
        Client = host.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await TestQueues.DeleteAsync(settings);
    }
}
