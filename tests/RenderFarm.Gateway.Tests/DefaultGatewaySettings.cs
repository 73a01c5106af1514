namespace RenderFarm.Gateway.Tests;

/// <summary>A fresh farm's settings as they are.</summary>
public sealed class DefaultGatewaySettings : IGatewaySettings
{
    public static void Configure(Dictionary<string, string?> settings) { }
}
