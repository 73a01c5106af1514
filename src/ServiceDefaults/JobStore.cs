using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RenderFarm.Contracts;
using StackExchange.Redis;

namespace RenderFarm.ServiceDefaults;

/// <summary>Job records in Redis. State changes are check-and-set (Lua) so racing workers, cancels and the sweeper agree.</summary>
public sealed class JobStore(IConnectionMultiplexer redis, IOptions<JobOptions> options, PaintQueue queue)
{
    // KEYS[1] = job key; ARGV[1] = allowed current states (comma list); ARGV[2] = new state;
    // ARGV[3..] = field/value pairs. Returns the state found; the change applied only if it was allowed.
    const string TransitionScript = """
        local current = redis.call('HGET', KEYS[1], 'status')
        if not current then
          redis.call('ZREM', KEYS[2], KEYS[1])
          return ''
        end
        for allowed in string.gmatch(ARGV[1], '([^,]+)') do
          if allowed == current then
            redis.call('HSET', KEYS[1], 'status', ARGV[2])
            for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
            if ARGV[2] ~= 'queued' then redis.call('ZREM', KEYS[2], KEYS[1]) end
            if ARGV[2] == 'succeeded' then
              local now = redis.call('TIME')
              local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
              redis.call('ZADD', KEYS[3], ms, KEYS[1])
              redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', ms - 600000)
            end
            return current
          end
        end
        return current
        """;

    // Only on a live record: an expired job must not come back as a key without a TTL.
    const string ReserveGalleryIdScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return false end
        redis.call('HSETNX', KEYS[1], 'galleryId', ARGV[1])
        return redis.call('HGET', KEYS[1], 'galleryId')
        """;

    IDatabase Db => redis.GetDatabase();

    public static RedisKey Key(Guid jobId) => $"job:{jobId:N}";

    /// <summary>This farm's queued jobs by submission time (job keys), for queue positions.</summary>
    RedisKey QueuedKey => $"jobs:queued:{queue.Name}";

    /// <summary>This farm's recent completions by time (last 10 minutes), for its pace.</summary>
    RedisKey CompletionsKey => $"jobs:completions:{queue.Name}";

    public async Task CreateAsync(JobRecord job)
    {
        var key = Key(job.Id);
        var fields = new List<HashEntry>
        {
            new("status", job.Status),
            new("requestedStyle", job.RequestedStyle),
            new("listed", job.Listed ? "1" : "0"),
            new("submittedAt", Format(job.SubmittedAt)),
        };
        if (job.DeleteTokenHash is not null) fields.Add(new("deleteTokenHash", job.DeleteTokenHash));
        var tx = Db.CreateTransaction();
        _ = tx.HashSetAsync(key, fields.ToArray());
        _ = tx.KeyExpireAsync(key, options.Value.RecordTtl);
        if (job.Status == JobStatus.Queued)
            _ = tx.SortedSetAddAsync(QueuedKey, (string)key!, job.SubmittedAt.ToUnixTimeMilliseconds());
        if (!await tx.ExecuteAsync())
            throw new InvalidOperationException("Redis did not commit the new job record.");
    }

    public async Task DeleteAsync(Guid jobId)
    {
        await Db.SortedSetRemoveAsync(QueuedKey, (string)Key(jobId)!);
        await Db.KeyDeleteAsync(Key(jobId));
    }

    /// <summary>1-based place of a queued job among all queued jobs (oldest first), or null when it is not queued.</summary>
    public async Task<long?> QueuePositionAsync(Guid jobId)
    {
        if (await Db.SortedSetScoreAsync(QueuedKey, (string)Key(jobId)!) is not { } submitted)
            return null;
        // Jobs older than the upload TTL cannot still be waiting (the sweeper expires them): leave any stragglers out.
        var oldestLive = DateTimeOffset.UtcNow.Add(-options.Value.UploadTtl).ToUnixTimeMilliseconds();
        return await Db.SortedSetLengthAsync(QueuedKey, Math.Min(oldestLive, submitted), submitted);
    }

    /// <summary>Jobs queued right now, across the farm.</summary>
    public Task<long> QueuedCountAsync() => Db.SortedSetLengthAsync(QueuedKey);

    /// <summary>Paintings finished per second over the last <paramref name="window"/> (at most 10 minutes).</summary>
    public async Task<double> ThroughputAsync(TimeSpan window)
    {
        var since = DateTimeOffset.UtcNow.Add(-window).ToUnixTimeMilliseconds();
        var count = await Db.SortedSetLengthAsync(CompletionsKey, since, double.PositiveInfinity);
        return count / window.TotalSeconds;
    }

    public async Task<JobRecord?> GetAsync(Guid jobId)
    {
        var entries = await Db.HashGetAllAsync(Key(jobId));
        if (entries.Length == 0) return null;
        var f = entries.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
        return new JobRecord
        {
            Id = jobId,
            Status = f.GetValueOrDefault("status") ?? JobStatus.Queued,
            RequestedStyle = f.GetValueOrDefault("requestedStyle") ?? StyleNames.Auto,
            Listed = f.GetValueOrDefault("listed") == "1",
            Style = f.GetValueOrDefault("style"),
            StyleReason = f.GetValueOrDefault("styleReason"),
            Framing = f.GetValueOrDefault("framing"),
            Figure = f.GetValueOrDefault("figure"),
            GalleryId = f.GetValueOrDefault("galleryId"),
            ErrorCode = f.GetValueOrDefault("errorCode"),
            ErrorMessage = f.GetValueOrDefault("errorMessage"),
            DeleteTokenHash = f.GetValueOrDefault("deleteTokenHash"),
            SubmittedAt = ParseTime(f.GetValueOrDefault("submittedAt")) ?? default,
            StartedAt = ParseTime(f.GetValueOrDefault("startedAt")),
            CompletedAt = ParseTime(f.GetValueOrDefault("completedAt")),
            TimingsMs = f.TryGetValue("timings", out var t)
                ? JsonSerializer.Deserialize<Dictionary<string, double>>(t) ?? []
                : new Dictionary<string, double>(),
        };
    }

    /// <summary>Moves the job to <paramref name="to"/> if it is in one of <paramref name="from"/>; returns the state it was in ("" if none).</summary>
    public async Task<TransitionResult> TransitionAsync(Guid jobId, string[] from, string to, params (string Field, string Value)[] fields)
    {
        var args = new List<RedisValue> { string.Join(',', from), to };
        foreach (var (field, value) in fields)
        {
            args.Add(field);
            args.Add(value);
        }
        var result = (string?)await Db.ScriptEvaluateAsync(TransitionScript, [Key(jobId), QueuedKey, CompletionsKey], args.ToArray()) ?? "";
        return new TransitionResult(result, result.Length > 0 && from.Contains(result));
    }

    /// <summary>Reserves the job's gallery id once: a redelivered job reuses it, so it can never make two gallery items.</summary>
    public async Task<string> ReserveGalleryIdAsync(Guid jobId)
    {
        var reserved = (string?)await Db.ScriptEvaluateAsync(ReserveGalleryIdScript, [Key(jobId)], [DeleteTokens.NewGalleryId()]);
        return reserved ?? throw new JobRecordMissingException(jobId);
    }

    public static string Format(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static string FormatTimings(IReadOnlyDictionary<string, double> timings) => JsonSerializer.Serialize(timings);

    static DateTimeOffset? ParseTime(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t) ? t : null;
}
