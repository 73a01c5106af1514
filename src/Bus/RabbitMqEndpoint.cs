using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Bus;

/// <summary>
/// The broker address from ConnectionStrings:rabbitmq, an AMQP URI read by RabbitMQ.Client's own rules:
/// amqp://user:pass@host:port/vhost, or amqps:// for TLS (port 5671 unless given), as managed brokers require.
/// </summary>
public sealed record RabbitMqEndpoint(string Host, int Port, string VirtualHost, string Username, string Password, bool UseTls)
{
    public static RabbitMqEndpoint FromConfiguration(IConfiguration configuration, IHostEnvironment environment) =>
        FromConnectionString(ConnectionStrings.Required(configuration, environment, ConnectionNames.RabbitMq, "amqp://guest:guest@127.0.0.1:5672/"));

    public static RabbitMqEndpoint FromConnectionString(string connectionString)
    {
        var factory = new ConnectionFactory { Uri = new Uri(connectionString) };
        return new RabbitMqEndpoint(factory.HostName, factory.Port, factory.VirtualHost, factory.UserName, factory.Password, factory.Ssl.Enabled);
    }

    public void Configure(IRabbitMqBusFactoryConfigurator bus) =>
        bus.Host(Host, (ushort)Port, VirtualHost, h =>
        {
            h.Username(Username);
            h.Password(Password);
            if (UseTls)
                h.UseSsl(tls => tls.ServerName = Host);
        });

    public ConnectionFactory CreateConnectionFactory() => new()
    {
        HostName = Host,
        Port = Port,
        VirtualHost = VirtualHost,
        UserName = Username,
        Password = Password,
        Ssl = new SslOption(Host, enabled: UseTls),
    };
}
