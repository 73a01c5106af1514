namespace RenderFarm.Gateway.Tests;

/// <summary>What a test class changes in a fresh farm's settings before its shared Gateway starts.</summary>
public interface IGatewaySettings
{
    static abstract void Configure(Dictionary<string, string?> settings);
}
