using System.Text.Json;
using RenderFarm.Contracts;
using RenderFarm.TestSupport;

namespace RenderFarm.EndToEnd.Tests;

[Collection(FarmCollection.Name)]
public sealed class FailedPaintingTests : IAsyncLifetime
{
    TestFarm farm = null!;

    public Task InitializeAsync()
    {
        // A real model whose manifest entry names an output it does not have: ONNX Runtime throws on every run.
        var manifest = TestManifests.WithBrokenPainter();
        farm = TestFarm.Start(FarmSettings.Create(manifest, SharedData.Models));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await farm.DisposeAsync();

    [Fact]
    public async Task Painter_that_throws_fails_the_job_with_a_code_and_deletes_the_source()
    {
        var job = await farm.UploadAsync(SharedData.Face("hopper.jpg"), style: "broken");

        var status = await farm.WaitForEndAsync(job.Id);

        Assert.Equal(JobStatus.Failed, status.GetProperty("status").GetString());
        Assert.Equal(ErrorCodes.PainterFailed, status.GetProperty("error").GetProperty("code").GetString());
        Assert.True(await farm.SourceGoneSoonAsync(job.Id), "the failed job's source photo still exists");
        Assert.Equal(JsonValueKind.Null, status.GetProperty("imageUrl").ValueKind);
    }

    [Fact]
    public async Task Worker_keeps_painting_after_a_failed_job()
    {
        var broken = await farm.UploadAsync(SharedData.Face("hopper.jpg"), style: "broken");
        var good = await farm.UploadAsync(SharedData.Face("hopper.jpg"), style: "udnie");

        Assert.Equal(JobStatus.Failed, (await farm.WaitForEndAsync(broken.Id)).GetProperty("status").GetString());
        Assert.Equal(JobStatus.Succeeded, (await farm.WaitForEndAsync(good.Id)).GetProperty("status").GetString());
    }
}
