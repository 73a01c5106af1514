using System.Diagnostics;
using OpenTelemetry;

namespace RenderFarm.ServiceDefaults;

/// <summary>
/// Removes span attributes that could identify a person (client address, user agent, query strings, headers)
/// before any exporter sees them. The privacy promise covers traces as much as logs.
/// </summary>
public sealed class IdentifyingTagScrubber : BaseProcessor<Activity>
{
    static readonly string[] Exact =
    [
        "client.address", "client.port", "network.peer.address", "network.peer.port",
        "user_agent.original", "http.user_agent", "http.client_ip", "net.peer.ip", "enduser.id", "url.query",
        // Outgoing calls' full URL: a webhook's may carry the receiver's own token.
        "url.full",
    ];

    static readonly string[] Prefixes = ["http.request.header.", "http.response.header."];

    public override void OnEnd(Activity activity)
    {
        List<string>? remove = null;
        foreach (var tag in activity.TagObjects)
            if (IsIdentifying(tag.Key))
                (remove ??= []).Add(tag.Key);
        if (remove is null) return;
        foreach (var key in remove)
            activity.SetTag(key, null);
    }

    public static bool IsIdentifying(string key) =>
        Exact.Contains(key) || Prefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal));
}
