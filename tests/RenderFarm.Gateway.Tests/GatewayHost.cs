namespace RenderFarm.Gateway.Tests;

/// <summary>Base for tests of one Gateway on the real services with a fresh farm's settings, shared by the class.</summary>
public abstract class GatewayHost(GatewayFixture<DefaultGatewaySettings> gateway) : GatewayHost<DefaultGatewaySettings>(gateway);
