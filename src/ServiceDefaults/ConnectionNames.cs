namespace RenderFarm.ServiceDefaults;

/// <summary>Keys under "ConnectionStrings" for the farm's three backing services.</summary>
public static class ConnectionNames
{
    public const string Redis = "redis";
    public const string Blobs = "blobs";
    public const string RabbitMq = "rabbitmq";
}
