using System.Globalization;
using StackExchange.Redis;

namespace RenderFarm.Farm.Gallery;

/// <summary>
/// Gallery items ("gallery:item:{id}") and the public feed: a sorted set scored by a sequence number
/// (INCR), so the keyset cursor is stable under inserts and reveals only order, not time.
/// </summary>
public sealed class GalleryStore(IConnectionMultiplexer redis, string keyPrefix)
{
    public const string DefaultKeyPrefix = "gallery";

    public GalleryStore(IConnectionMultiplexer redis) : this(redis, DefaultKeyPrefix) { }

    public RedisKey FeedKey { get; } = $"{keyPrefix}:feed";
    readonly RedisKey sequenceKey = $"{keyPrefix}:seq";

    // Adds the item once; a listed item joins the feed once (a redelivered job cannot add a second entry).
    const string AddScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('HSET', KEYS[1], 'style', ARGV[2], 'createdAt', ARGV[3], 'listed', ARGV[4], 'deleteTokenHash', ARGV[5], 'bytes', ARGV[6])
        if ARGV[4] == '1' then
          local seq = redis.call('INCR', KEYS[3])
          redis.call('ZADD', KEYS[2], seq, ARGV[1])
        end
        return 1
        """;

    IDatabase Db => redis.GetDatabase();

    RedisKey ItemKey(string id) => $"{keyPrefix}:item:{id}";

    public async Task<bool> AddAsync(GalleryItem item)
    {
        var added = (long)await Db.ScriptEvaluateAsync(AddScript,
            [ItemKey(item.Id), FeedKey, sequenceKey],
            [item.Id, item.Style, GalleryItem.RoundToMinute(item.CreatedAt).ToUnixTimeSeconds(), item.Listed ? "1" : "0",
             item.DeleteTokenHash, item.Bytes]);
        return added == 1;
    }

    public async Task<GalleryItem?> GetAsync(string id)
    {
        var entries = await Db.HashGetAllAsync(ItemKey(id));
        return entries.Length == 0 ? null : ToItem(id, entries);
    }

    public async Task<GalleryPage> PageAsync(int limit, long? before)
    {
        var max = before is { } b ? b : double.PositiveInfinity;
        var entries = await Db.SortedSetRangeByScoreWithScoresAsync(FeedKey, double.NegativeInfinity, max,
            before is null ? Exclude.None : Exclude.Stop, Order.Descending, 0, limit);

        var batch = Db.CreateBatch();
        var reads = entries.Select(e => batch.HashGetAllAsync(ItemKey(e.Element!))).ToArray();
        batch.Execute();
        var items = new List<GalleryItem>(entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            var fields = await reads[i];
            if (fields.Length > 0) items.Add(ToItem(entries[i].Element!, fields));
        }
        long? next = entries.Length == limit ? (long)entries[^1].Score : null;
        return new GalleryPage(items, next);
    }

    /// <summary>Every gallery item, listed or not (SCAN over the item keys: no blocking KEYS on a busy Redis).</summary>
    public async IAsyncEnumerable<GalleryItem> AllAsync()
    {
        var prefix = $"{keyPrefix}:item:";
        foreach (var server in redis.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: prefix + "*", pageSize: 500))
            {
                if (await GetAsync(((string)key!)[prefix.Length..]) is { } item)
                    yield return item;
            }
        }
    }

    public async Task<bool> RemoveAsync(string id)
    {
        var tx = Db.CreateTransaction();
        _ = tx.SortedSetRemoveAsync(FeedKey, id);
        var deleted = tx.KeyDeleteAsync(ItemKey(id));
        await tx.ExecuteAsync();
        return await deleted;
    }

    static GalleryItem ToItem(string id, HashEntry[] entries)
    {
        var f = entries.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
        return new GalleryItem(
            id,
            f.GetValueOrDefault("style") ?? "",
            DateTimeOffset.FromUnixTimeSeconds(long.Parse(f.GetValueOrDefault("createdAt") ?? "0", CultureInfo.InvariantCulture)),
            f.GetValueOrDefault("listed") == "1",
            f.GetValueOrDefault("deleteTokenHash") ?? "",
            long.Parse(f.GetValueOrDefault("bytes") ?? "0", CultureInfo.InvariantCulture));
    }
}
