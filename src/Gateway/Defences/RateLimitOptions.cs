using System.ComponentModel.DataAnnotations;

namespace RenderFarm.Gateway.Defences;

/// <summary>Per-client limits, held in Redis so they hold across Gateway replicas. Section "RateLimiting".</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Uploads one client may make per window.</summary>
    [Range(1, int.MaxValue)]
    public int UploadsPerWindow { get; set; } = 10;

    /// <summary>API reads (status polls, styles, events) one client may make per window.</summary>
    [Range(1, int.MaxValue)]
    public int ReadsPerWindow { get; set; } = 600;

    /// <summary>Status streams (Server-Sent Events) one client may hold open on one Gateway replica.</summary>
    [Range(1, 1000)]
    public int StreamsPerClient { get; set; } = 4;

    /// <summary>Status streams one Gateway replica holds open in all; each reads Redis twice a second.</summary>
    [Range(1, 100000)]
    public int StreamsPerReplica { get; set; } = 1000;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// IPv6 clients share a partition per prefix of this length: one subscriber usually holds a whole /64 and could
    /// otherwise take a fresh address for every request. IPv4 addresses are partitioned whole.
    /// </summary>
    [Range(32, 128)]
    public int Ipv6PrefixLength { get; set; } = 64;

    /// <summary>Key for the HMAC that turns client addresses into partition keys, so Redis never holds an IP.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ClientKeySecret { get; set; } = BuiltInSecret;

    /// <summary>The default, fine on a developer machine; a Production Gateway refuses to start with it.</summary>
    public const string BuiltInSecret = "renderfarm-client-key";
}
