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

    // Adds the item once; a listed item joins the feed once (a redelivered job cannot add a second entry). A Lua
    // function over its keys and values as GalleryEntry orders them, so a job's success adds it in the same script
    // (JobStore.SucceedAsync).
    internal const string AddItemFunction = """
        local function addGalleryItem(itemKey, feedKey, sequenceKey, id, style, createdAt, listed, tokenHash, bytes)
          if redis.call('EXISTS', itemKey) == 1 then return 0 end
          redis.call('HSET', itemKey, 'style', style, 'createdAt', createdAt, 'listed', listed, 'deleteTokenHash', tokenHash, 'bytes', bytes)
          if listed == '1' then
            local seq = redis.call('INCR', sequenceKey)
            redis.call('ZADD', feedKey, seq, id)
          end
          return 1
        end

        """;

    const string AddScript = AddItemFunction + """
        return addGalleryItem(KEYS[1], KEYS[2], KEYS[3], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6])
        """;

    IDatabase Db => redis.GetDatabase();

    RedisKey ItemKey(string id) => $"{keyPrefix}:item:{id}";

    public async Task<bool> AddAsync(GalleryItem item)
    {
        var entry = Entry(item);
        return (long)await Db.ScriptEvaluateAsync(AddScript, entry.Keys, entry.Values) == 1;
    }

    /// <summary>The keys and values that add <paramref name="item"/> (<see cref="AddItemFunction"/>), for a script that adds it with more.</summary>
    public GalleryEntry Entry(GalleryItem item) => new(
        [ItemKey(item.Id), FeedKey, sequenceKey],
        [item.Id, item.Style, GalleryItem.RoundToMinute(item.CreatedAt).ToUnixTimeSeconds(), item.Listed ? "1" : "0",
         item.DeleteTokenHash, item.Bytes]);

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
