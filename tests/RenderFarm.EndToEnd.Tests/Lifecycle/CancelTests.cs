using System.Net;
using RenderFarm.Contracts;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Consumers;

namespace RenderFarm.EndToEnd.Tests.Lifecycle;

[Collection(FarmCollection.Name)]
public sealed class CancelTests
{
    [Fact]
    public async Task Canceling_a_queued_job_deletes_its_source_at_once_and_a_worker_later_skips_it()
    {
        await using var farm = TestFarm.Start(withWorker: false);
        var job = await farm.UploadAsync(SharedData.Face("hopper.jpg"), listed: true);
        Assert.True(await farm.SourceExistsAsync(job.Id));

        var response = await farm.CancelAsync(job.Id, job.DeleteToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(await farm.SourceExistsAsync(job.Id), "canceled job's source still exists");
        Assert.Equal(JobStatus.Canceled, (await farm.GetStatusAsync(job.Id)).GetProperty("status").GetString());

        // Now a worker arrives and receives the message: it must not paint.
        await using var worker = new FarmHost<PaintPortraitConsumer>(farm.Settings);
        _ = worker.Services;
        await Eventually.WaitForAsync(() => BrokerQueue.CountAsync(farm.Settings["Bus:PaintQueue"]!), n => n == 0,
            TimeSpan.FromSeconds(60), "the worker to take the canceled job's message");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var status = await farm.GetStatusAsync(job.Id);
        Assert.Equal(JobStatus.Canceled, status.GetProperty("status").GetString());
        Assert.Equal(ErrorCodes.Canceled, status.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, status.GetProperty("galleryId").ValueKind);
    }

    [Fact]
    public async Task Cancel_without_the_right_token_is_404_like_an_unknown_job()
    {
        await using var farm = TestFarm.Start(withWorker: false);
        var job = await farm.UploadAsync(SharedData.Face("hopper.jpg"));

        var wrong = await farm.CancelAsync(job.Id, "not-the-token");
        var missing = await farm.CancelAsync(job.Id, null);
        var unknown = await farm.CancelAsync(Guid.NewGuid(), job.DeleteToken);

        Assert.All([wrong, missing, unknown], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal(await TestFarm.ProblemShapeAsync(unknown), await TestFarm.ProblemShapeAsync(wrong));
        Assert.True(await farm.SourceExistsAsync(job.Id), "a refused cancel must not touch the job");
        Assert.Equal(JobStatus.Queued, (await farm.GetStatusAsync(job.Id)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await farm.CancelAsync(job.Id, job.DeleteToken)).StatusCode);
    }

    [Fact]
    public async Task A_finished_job_cannot_be_canceled()
    {
        await using var farm = TestFarm.Start();
        var job = await farm.UploadAsync(SharedData.Face("hopper.jpg"));
        Assert.Equal(JobStatus.Succeeded, (await farm.WaitForEndAsync(job.Id)).GetProperty("status").GetString());

        var response = await farm.CancelAsync(job.Id, job.DeleteToken);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains(ErrorCodes.NotCancelable, await response.Content.ReadAsStringAsync());
    }
}
