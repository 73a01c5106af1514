using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace RenderFarm.Gateway.Webhooks;

/// <summary>
/// Callbacks that were never delivered, for an operator (and the uploader's own poll of the status, which still
/// works): <c>webhook:dead:{jobId}</c> in Redis with the event, attempts, the last answer and when, kept
/// Webhooks:DeadLetterTtl. No URL and nothing about the person is stored here.
/// </summary>
public sealed class WebhookDeadLetters(IConnectionMultiplexer redis, IOptions<WebhookOptions> options)
{
    public static string Key(Guid jobId) => $"webhook:dead:{jobId:N}";

    public async Task RecordAsync(Guid jobId, string eventName, int attempts, string lastOutcome, DateTimeOffset at)
    {
        var db = redis.GetDatabase();
        await db.HashSetAsync(Key(jobId), [
            new("event", eventName), new("attempts", attempts), new("lastOutcome", lastOutcome), new("at", at.ToString("O")),
        ]);
        await db.KeyExpireAsync(Key(jobId), options.Value.DeadLetterTtl);
    }

    public async Task<IReadOnlyDictionary<string, string>?> GetAsync(Guid jobId)
    {
        var fields = await redis.GetDatabase().HashGetAllAsync(Key(jobId));
        return fields.Length == 0 ? null : fields.ToDictionary(f => (string)f.Name!, f => (string)f.Value!);
    }
}
