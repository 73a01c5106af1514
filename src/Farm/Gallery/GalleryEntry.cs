using StackExchange.Redis;

namespace RenderFarm.Farm.Gallery;

/// <summary>
/// A gallery item as the keys and values of <see cref="GalleryStore.AddItemFunction"/> (<see cref="GalleryStore.Entry"/>):
/// the item key, the feed and its sequence; the id, style, minute, listing, delete token hash and size.
/// </summary>
public sealed record GalleryEntry(RedisKey[] Keys, RedisValue[] Values);
