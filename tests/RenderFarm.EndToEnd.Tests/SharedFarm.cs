using RenderFarm.TestSupport;

namespace RenderFarm.EndToEnd.Tests;

/// <summary>One farm (Gateway, a Worker with the udnie painter, Gallery) for the <see cref="SharedFarmCollection"/>.</summary>
public sealed class SharedFarm : IAsyncLifetime
{
    public TestFarm Farm { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Farm = TestFarm.Start(FarmSettings.OnlyPainter("udnie"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Farm.DisposeAsync();
}
