using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Bus;

/// <summary>The broker address from ConnectionStrings:rabbitmq (amqp://user:pass@host:port/vhost).</summary>
public sealed record RabbitMqEndpoint(string Host, int Port, string VirtualHost, string Username, string Password)
{
    public static RabbitMqEndpoint FromConfiguration(IConfiguration configuration, IHostEnvironment environment) =>
        FromConnectionString(ConnectionStrings.Required(configuration, environment, ConnectionNames.RabbitMq, "amqp://guest:guest@127.0.0.1:5672/"));

    public static RabbitMqEndpoint FromConnectionString(string connectionString)
    {
        var uri = new Uri(connectionString);
        var credentials = uri.UserInfo.Split(':', 2);
        var vhost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        return new RabbitMqEndpoint(
            uri.Host,
            uri.IsDefaultPort ? 5672 : uri.Port,
            vhost.Length == 0 ? "/" : vhost,
            credentials.Length > 0 && credentials[0].Length > 0 ? Uri.UnescapeDataString(credentials[0]) : "guest",
            credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "guest");
    }

    public void Configure(IRabbitMqBusFactoryConfigurator bus) =>
        bus.Host(Host, (ushort)Port, VirtualHost, h =>
        {
            h.Username(Username);
            h.Password(Password);
        });

    public ConnectionFactory CreateConnectionFactory() => new()
    {
        HostName = Host,
        Port = Port,
        VirtualHost = VirtualHost,
        UserName = Username,
        Password = Password,
    };
}
