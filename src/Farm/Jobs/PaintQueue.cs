using Microsoft.Extensions.Configuration;

namespace RenderFarm.Farm.Jobs;

/// <summary>
/// The one work queue, a durable quorum queue fed by an exchange of the same name (MassTransit's receive
/// endpoint shape). The Gateway declares it too, so a job accepted before any worker ever started is kept
/// rather than dropped by an exchange with no queue bound. Its name is "Bus:PaintQueue" (default paint-portrait);
/// tests give each farm its own.
/// </summary>
public sealed record PaintQueue(string Name)
{
    public const string DefaultName = "paint-portrait";
    public const string ConfigurationKey = "Bus:PaintQueue";

    public static PaintQueue FromConfiguration(IConfiguration configuration) =>
        new(configuration[ConfigurationKey] is { Length: > 0 } name ? name : DefaultName);

    /// <summary>Send address: the queue's own exchange.</summary>
    public Uri Address => new($"exchange:{Name}");

    public static readonly IDictionary<string, object?> QueueArguments = new Dictionary<string, object?>
    {
        ["x-queue-type"] = "quorum",
    };
}
