using RenderFarm.Farm.Gallery;
using StackExchange.Redis;

namespace RenderFarm.Farm.Tests.Gallery;

/// <summary>The feed on the real Redis started by ./farm test.</summary>
public sealed class GalleryStoreTests : IAsyncLifetime
{
    IConnectionMultiplexer redis = null!;

    // A private namespace per test class instance: other test assemblies add to the real feed meanwhile.
    readonly string Prefix = $"test-gallery-{Guid.NewGuid():N}";

    public async Task InitializeAsync() =>
        redis = await ConnectionMultiplexer.ConnectAsync(Environment.GetEnvironmentVariable("ConnectionStrings__redis") ?? "127.0.0.1:6379");

    public async Task DisposeAsync() => await redis.DisposeAsync();

    static GalleryItem Item(bool listed = true) =>
        new(DeleteTokens.NewGalleryId(), "oil", DateTimeOffset.UtcNow, listed, DeleteTokens.Hash("t"), 1234);

    [Fact]
    public async Task Keyset_pages_stay_stable_when_paintings_arrive_between_requests()
    {
        var store = new GalleryStore(redis, Prefix);
        var mine = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var item = Item();
            await store.AddAsync(item);
            mine.Add(item.Id);
        }

        var first = await store.PageAsync(3, null);
        var newcomer = Item();
        await store.AddAsync(newcomer);                 // arrives between page 1 and page 2
        var second = await store.PageAsync(2, first.Next);

        Assert.Equal(mine.AsEnumerable().Reverse().Take(3), first.Items.Select(i => i.Id));
        Assert.Equal(mine.AsEnumerable().Reverse().Skip(3).Take(2), second.Items.Select(i => i.Id));
        Assert.Equal(newcomer.Id, (await store.PageAsync(1, null)).Items.Single().Id);
    }

    [Fact]
    public async Task Adding_the_same_item_twice_makes_one_feed_entry_and_unlisted_makes_none()
    {
        var store = new GalleryStore(redis, Prefix);
        var listed = Item();
        var unlisted = Item(listed: false);

        Assert.True(await store.AddAsync(listed));
        Assert.False(await store.AddAsync(listed));
        await store.AddAsync(unlisted);

        var feed = await redis.GetDatabase().SortedSetRangeByRankAsync(store.FeedKey, 0, -1);
        Assert.Single(feed, m => m == listed.Id);
        Assert.DoesNotContain(feed, m => m == unlisted.Id);
        Assert.NotNull(await store.GetAsync(unlisted.Id));
    }

    [Fact]
    public async Task Created_time_is_kept_only_to_the_minute()
    {
        var store = new GalleryStore(redis, Prefix);
        var item = Item() with { CreatedAt = new DateTimeOffset(2026, 11, 27, 10, 42, 37, 123, TimeSpan.Zero) };

        await store.AddAsync(item);

        Assert.Equal(new DateTimeOffset(2026, 11, 27, 10, 42, 0, TimeSpan.Zero), (await store.GetAsync(item.Id))!.CreatedAt);
    }
}
