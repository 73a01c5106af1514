using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RenderFarm.Contracts;
using RenderFarm.Farm.Gallery;
using StackExchange.Redis;

namespace RenderFarm.Farm.Jobs;

/// <summary>Job records in Redis. State changes are check-and-set (Lua) so racing workers, cancels and the sweeper agree.</summary>
public sealed class JobStore(IConnectionMultiplexer redis, IOptions<JobOptions> options, PaintQueue queue)
{
    // Moves a job from one of the allowed states (a comma list) to a new one, writing the field/value pairs of ARGV from
    // index firstField on, and tells the status channel (the job's key as the message); returns the state found (the
    // change applied only if it was allowed), '' when there is no record.
    const string TransitionFunction = """
        local function transition(jobKey, queuedKey, completionsKey, allowedStates, to, statusChannel, firstField)
          local current = redis.call('HGET', jobKey, 'status')
          if not current then
            redis.call('ZREM', queuedKey, jobKey)
            return ''
          end
          for allowed in string.gmatch(allowedStates, '([^,]+)') do
            if allowed == current then
              redis.call('HSET', jobKey, 'status', to)
              for i = firstField, #ARGV, 2 do redis.call('HSET', jobKey, ARGV[i], ARGV[i + 1]) end
              if to ~= 'queued' then redis.call('ZREM', queuedKey, jobKey) end
              if to == 'succeeded' then
                local now = redis.call('TIME')
                local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
                redis.call('ZADD', completionsKey, ms, jobKey)
                redis.call('ZREMRANGEBYSCORE', completionsKey, '-inf', ms - 600000)
              end
              redis.call('PUBLISH', statusChannel, jobKey)
              return current
            end
          end
          return current
        end

        """;

    // KEYS[1] = job key, KEYS[2] = queued set, KEYS[3] = completions; ARGV[1] = allowed current states (comma list);
    // ARGV[2] = new state; ARGV[3] = the status channel; ARGV[4..] = field/value pairs.
    const string TransitionScript = TransitionFunction + """
        return transition(KEYS[1], KEYS[2], KEYS[3], ARGV[1], ARGV[2], ARGV[3], 4)
        """;

    // A processing job's success and its gallery item in one step: the item (and its feed entry) is written only if the
    // job became succeeded, so a job canceled or expired while it was painted never shows in the gallery, not even for
    // a moment. KEYS[1..3] as above, KEYS[4..6] and ARGV[1..6] the gallery entry (GalleryEntry); ARGV[7] the status
    // channel; ARGV[8..] the fields.
    const string SucceedScript = TransitionFunction + GalleryStore.AddItemFunction + """
        local previous = transition(KEYS[1], KEYS[2], KEYS[3], 'processing', 'succeeded', ARGV[7], 8)
        if previous == 'processing' then
          addGalleryItem(KEYS[4], KEYS[5], KEYS[6], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6])
        end
        return previous
        """;

    // A worker's claim, in one round trip: only a queued (or, redelivered, processing) job becomes processing; its
    // gallery id is reserved once (HSETNX), so a redelivered job writes the same gallery item; the whole record comes
    // back; the status channel is told. KEYS[1] = job key, KEYS[2] = queued set; ARGV[1] = startedAt, ARGV[2] = a fresh
    // gallery id, ARGV[3] = the status channel. Returns {previous status, field, value, ...}; only the status when
    // nothing was claimed, {''} when no record.
    const string ClaimScript = """
        local current = redis.call('HGET', KEYS[1], 'status')
        if not current then
          redis.call('ZREM', KEYS[2], KEYS[1])
          return {''}
        end
        if current ~= 'queued' and current ~= 'processing' then return {current} end
        redis.call('HSET', KEYS[1], 'status', 'processing', 'startedAt', ARGV[1])
        redis.call('HSETNX', KEYS[1], 'galleryId', ARGV[2])
        redis.call('ZREM', KEYS[2], KEYS[1])
        redis.call('PUBLISH', ARGV[3], KEYS[1])
        local claimed = redis.call('HGETALL', KEYS[1])
        table.insert(claimed, 1, current)
        return claimed
        """;

    IDatabase Db => redis.GetDatabase();

    public static RedisKey Key(Guid jobId) => $"job:{jobId:N}";

    /// <summary>The job id of a key made by <see cref="Key"/> (a status channel's message), or null.</summary>
    public static Guid? IdOfKey(string? key) =>
        key is { Length: > 4 } && key.StartsWith("job:", StringComparison.Ordinal) && Guid.TryParseExact(key.AsSpan(4), "N", out var id) ? id : null;

    /// <summary>
    /// Where every status change of this farm's jobs is announced (the job's key as the message), as it is made: the
    /// Gateway's status streams wait on it instead of polling. Redis pub/sub delivers at most once, so a listener still
    /// reads the record now and then.
    /// </summary>
    public RedisChannel StatusChannel => RedisChannel.Literal($"jobs:status:{queue.Name}");

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
        if (job.Webhook is not null) fields.Add(new("webhook", job.Webhook));
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
        return entries.Length == 0 ? null : Read(jobId, entries.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString()));
    }

    /// <summary>
    /// Claims the job for painting (queued, or processing on redelivery, becomes processing) and reserves its gallery id
    /// once, returning the record the worker needs, all in one round trip.
    /// </summary>
    public async Task<JobClaim> ClaimAsync(Guid jobId, DateTimeOffset startedAt)
    {
        var result = (RedisResult[])(await Db.ScriptEvaluateAsync(ClaimScript, [Key(jobId), QueuedKey],
            [Format(startedAt), DeleteTokens.NewGalleryId(), StatusChannelName]))!;
        var previous = (string?)result[0] ?? "";
        if (result.Length == 1)
            return new JobClaim(previous, null);
        var fields = new Dictionary<string, string>();
        for (var i = 1; i + 1 < result.Length; i += 2)
            fields[(string)result[i]!] = (string?)result[i + 1] ?? "";
        return new JobClaim(previous, Read(jobId, fields));
    }

    /// <summary>
    /// Marks a processing job succeeded with what was painted and adds its gallery item (<paramref name="painting"/>,
    /// whose images are stored), in one step; neither if it was canceled or expired meanwhile.
    /// </summary>
    public async Task<TransitionResult> SucceedAsync(Guid jobId, JobSuccess success, GalleryEntry painting)
    {
        RedisValue[] fields =
        [
            "style", success.Style,
            "styleReason", success.StyleReason,
            "framing", success.Framing,
            "figure", success.Figure,
            "completedAt", Format(success.CompletedAt),
            "timings", JsonSerializer.Serialize(success.TimingsMs),
        ];
        var result = (string?)await Db.ScriptEvaluateAsync(SucceedScript, [Key(jobId), QueuedKey, CompletionsKey, .. painting.Keys],
            [.. painting.Values, StatusChannelName, .. fields]) ?? "";
        return new TransitionResult(result, result == JobStatus.Processing);
    }

    /// <summary>Ends a queued or processing job as failed with a machine-readable code.</summary>
    public Task<TransitionResult> FailAsync(Guid jobId, string code, string message, DateTimeOffset at) =>
        End(jobId, JobStatus.Failed, code, message, at);

    /// <summary>Ends a queued or processing job at its uploader's wish.</summary>
    public Task<TransitionResult> CancelAsync(Guid jobId, DateTimeOffset at) =>
        End(jobId, JobStatus.Canceled, ErrorCodes.Canceled, "Canceled by the uploader.", at);

    /// <summary>Ends a queued or processing job whose upload outlived its TTL.</summary>
    public Task<TransitionResult> ExpireAsync(Guid jobId, DateTimeOffset at) =>
        End(jobId, JobStatus.Expired, ErrorCodes.UploadExpired, "The photo waited longer than the farm keeps photos; it was deleted unpainted.", at);

    Task<TransitionResult> End(Guid jobId, string status, string code, string message, DateTimeOffset at) =>
        TransitionAsync(jobId, [JobStatus.Queued, JobStatus.Processing], status,
            ("errorCode", code), ("errorMessage", message), ("completedAt", Format(at)));

    static JobRecord Read(Guid jobId, Dictionary<string, string> f) => new()
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
        Webhook = f.GetValueOrDefault("webhook"),
        SubmittedAt = ParseTime(f.GetValueOrDefault("submittedAt")) ?? default,
        StartedAt = ParseTime(f.GetValueOrDefault("startedAt")),
        CompletedAt = ParseTime(f.GetValueOrDefault("completedAt")),
        TimingsMs = f.TryGetValue("timings", out var t)
            ? JsonSerializer.Deserialize<Dictionary<string, double>>(t) ?? []
            : new Dictionary<string, double>(),
    };

    /// <summary>Moves the job to <paramref name="to"/> if it is in one of <paramref name="from"/>; returns the state it was in ("" if none).</summary>
    async Task<TransitionResult> TransitionAsync(Guid jobId, string[] from, string to, params (string Field, string Value)[] fields)
    {
        var args = new List<RedisValue> { string.Join(',', from), to, StatusChannelName };
        foreach (var (field, value) in fields)
        {
            args.Add(field);
            args.Add(value);
        }
        var result = (string?)await Db.ScriptEvaluateAsync(TransitionScript, [Key(jobId), QueuedKey, CompletionsKey], args.ToArray()) ?? "";
        return new TransitionResult(result, result.Length > 0 && from.Contains(result));
    }

    string StatusChannelName => StatusChannel.ToString();

    static string Format(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    static DateTimeOffset? ParseTime(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t) ? t : null;
}
