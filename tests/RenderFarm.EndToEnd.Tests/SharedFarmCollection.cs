namespace RenderFarm.EndToEnd.Tests;

/// <summary>
/// Tests that use a farm as any client would and break nothing share one (<see cref="SharedFarm"/>), as eShop's
/// functional tests share their host: one start and one painter warm-up for the whole collection instead of one per
/// test. A test here makes its own jobs and paintings and asserts only on those, never on the whole feed's contents.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedFarmCollection : ICollectionFixture<SharedFarm>
{
    public const string Name = "shared farm";
}
