using RenderFarm.Bus;

namespace RenderFarm.Gateway.Tests.Bus;

/// <summary>The broker URI is read by RabbitMQ.Client's rules: amqps means TLS on 5671, as a managed broker needs.</summary>
public sealed class RabbitMqEndpointTests
{
    [Theory]
    [InlineData("amqps://farm:s%40cret@broker.example.com/renderfarm", "broker.example.com", 5671, "renderfarm", "farm", "s@cret", true)]
    [InlineData("amqps://farm:secret@broker.example.com:5999/", "broker.example.com", 5999, "/", "farm", "secret", true)]
    [InlineData("amqp://farm:secret@10.0.0.5/", "10.0.0.5", 5672, "/", "farm", "secret", false)]
    [InlineData("amqp://guest:guest@127.0.0.1:5672/", "127.0.0.1", 5672, "/", "guest", "guest", false)]
    public void An_amqp_uri_gives_host_port_vhost_credentials_and_tls(string uri, string host, int port, string vhost, string user, string password, bool tls)
    {
        var endpoint = RabbitMqEndpoint.FromConnectionString(uri);

        Assert.Equal(new RabbitMqEndpoint(host, port, vhost, user, password, tls), endpoint);
        var factory = endpoint.CreateConnectionFactory();
        Assert.Equal((tls, port), (factory.Ssl.Enabled, factory.Port));
        if (tls)
            Assert.Equal(host, factory.Ssl.ServerName);
    }
}
