using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Gateway.Webhooks;

public static class WebhookExtensions
{
    /// <summary>
    /// Webhook options, the dead-letter store and the "webhooks" HttpClient: no redirects (a redirect could lead
    /// anywhere), no cookies, no request logging (the URL may carry the receiver's token), and unless
    /// Webhooks:AllowPrivateAddresses, connections only to public addresses, checked after DNS at connect time.
    /// The consumer itself is registered with the bus (AddGatewayBus) when Webhooks:SigningSecret is set.
    /// </summary>
    public static WebApplicationBuilder AddWebhooks(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<WebhookOptions>(WebhookOptions.Section);
        builder.Services.AddSingleton<WebhookDeadLetters>();
        builder.Services.AddHttpClient(WebhookNotifier.HttpClientName)
            .RemoveAllLoggers()
            .ConfigureHttpClient((services, client) => client.Timeout = services.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout)
            .ConfigurePrimaryHttpMessageHandler(services =>
            {
                var options = services.GetRequiredService<IOptions<WebhookOptions>>().Value;
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    ConnectTimeout = options.Timeout,
                    ConnectCallback = options.AllowPrivateAddresses ? null : ConnectToPublicAddressAsync,
                };
            });
        return builder;
    }

    /// <summary>Whether this Gateway takes job-end events to send callbacks (a signing secret is configured).</summary>
    public static bool WebhooksEnabled(this IConfiguration configuration) =>
        (configuration.GetSection(WebhookOptions.Section).Get<WebhookOptions>() ?? new WebhookOptions()).Enabled;

    static async ValueTask<Stream> ConnectToPublicAddressAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var target = addresses.FirstOrDefault(CallbackAddresses.IsPublic)
            ?? throw new HttpRequestException(HttpRequestError.ConnectionError, "The webhook's host resolves only to private addresses.");
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(target, context.DnsEndPoint.Port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
