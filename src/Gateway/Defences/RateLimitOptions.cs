namespace RenderFarm.Gateway.Defences;

/// <summary>Per-client limits, held in Redis so they hold across Gateway replicas. Section "RateLimiting".</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Uploads one client may make per window.</summary>
    public int UploadsPerWindow { get; set; } = 10;

    /// <summary>API reads (status polls, styles, events) one client may make per window.</summary>
    public int ReadsPerWindow { get; set; } = 600;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Key for the HMAC that turns client addresses into partition keys, so Redis never holds an IP.</summary>
    public string ClientKeySecret { get; set; } = "renderfarm-client-key";
}
