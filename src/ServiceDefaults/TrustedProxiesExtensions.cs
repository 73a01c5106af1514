using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace RenderFarm.ServiceDefaults;

public static class TrustedProxiesExtensions
{
    /// <summary>
    /// ASP.NET Core's forwarded-headers middleware, believing only the configured proxy networks (ProxyOptions), and
    /// only the entry the nearest of them added. Replaces ASPNETCORE_FORWARDEDHEADERS_ENABLED, which trusts any peer.
    /// </summary>
    public static TBuilder AddTrustedProxies<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddValidatedOptions<ProxyOptions>(ProxyOptions.Section);
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxies) =>
        {
            // Empty lists would make the middleware believe every peer: with no trusted network it reads no header.
            forwarded.ForwardedHeaders = proxies.Value.TrustedNetworks.Length == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback; a sidecar on the pod's loopback must be listed like any other proxy.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var network in proxies.Value.TrustedNetworks)
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            forwarded.ForwardLimit = 1;
        });
        return builder;
    }

    /// <summary>First in the pipeline: everything after it (rate limits, logs, links) sees the believed client.</summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }
}
