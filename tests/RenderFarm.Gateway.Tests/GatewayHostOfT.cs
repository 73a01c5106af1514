namespace RenderFarm.Gateway.Tests;

/// <summary>Base for tests of one Gateway on the real services with settings adjusted by <typeparamref name="TSettings"/>, shared by the class.</summary>
public abstract class GatewayHost<TSettings>(GatewayFixture<TSettings> gateway) : IClassFixture<GatewayFixture<TSettings>>
    where TSettings : IGatewaySettings
{
    protected HttpClient Client => gateway.Client;

    /// <summary>The Gateway's services, for tests that set up state (a job record) the way the Worker would.</summary>
    protected IServiceProvider Services => gateway.Services;
}
