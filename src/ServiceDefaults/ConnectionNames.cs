namespace RenderFarm.ServiceDefaults;

/// <summary>Keys under "ConnectionStrings" for the farm's three backing services.</summary>
public static class ConnectionNames
{
    public const string Redis = "redis";
    public const string Blobs = "blobs";

    /// <summary>
    /// A container URL with a SAS that reaches the gallery container alone; with it and no <see cref="Blobs"/>
    /// account, a service (the Gallery) can neither see nor name the uploads container.
    /// </summary>
    public const string GalleryContainer = "galleryContainer";
    public const string RabbitMq = "rabbitmq";
}
