using Azure.Storage;
using Azure.Storage.Blobs;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RenderFarm.Contracts;
using RenderFarm.Farm.Gallery;
using RenderFarm.Farm.Jobs;
using RenderFarm.Farm.Painters;
using RenderFarm.Farm.Storage;
using RenderFarm.Farm.Uploads;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Consumers;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Pipeline;

namespace RenderFarm.Worker.Tests.Consumers;

/// <summary>
/// The consumer's rare paths on MassTransit's in-memory test harness (no broker), with the real job records (Redis),
/// uploads and gallery (Azurite) and real painters.
/// </summary>
public sealed class PaintPortraitConsumerTests : IAsyncLifetime
{
    IHost? host;
    ITestHarness harness = null!;
    JobStore jobs = null!;
    UploadStore uploads = null!;
    GalleryStore gallery = null!;
    FarmBlobContainers containers = null!;
    readonly CapturedLogs logs = new();

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Starts the consumer's host; <paramref name="alter"/> may replace services to bring a fault in.</summary>
    async Task StartAsync(Action<IServiceCollection>? alter = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        var settings = FarmSettings.OnlyPainters(["rembrandt-two-circles"], 1024, 1280); // big enough to take seconds on a CPU
        settings[$"{PainterOptions.Section}:{nameof(PainterOptions.DefaultStyle)}"] = "rembrandt-two-circles";
        // Quick retries: the test sees the last attempt fail in seconds, not the production 40 s.
        settings[$"{PaintRetryOptions.Section}:{nameof(PaintRetryOptions.Intervals)}:0"] = "00:00:00.200";
        settings[$"{PaintRetryOptions.Section}:{nameof(PaintRetryOptions.Intervals)}:1"] = "00:00:00.200";
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddEnvironmentVariables();
        builder.Logging.AddProvider(logs);
        // The worker's own debug lines too (a download dropped beside a claim that did not take the job).
        builder.Logging.AddFilter<CapturedLogs>("RenderFarm", LogLevel.Debug);
        builder.AddFarmStorage();
        builder.AddJobRecords();
        builder.AddUploadStore();
        builder.AddGalleryStore();
        builder.AddPainters();
        builder.AddFaceDetection();
        builder.AddFigureGround();
        builder.AddPortraitPipeline();
        builder.Services.AddOptions<PaintRetryOptions>().BindConfiguration(PaintRetryOptions.Section);
        builder.Services.AddMassTransitTestHarness(bus => bus.AddConsumer<PaintPortraitConsumer, PaintPortraitConsumerDefinition>());
        alter?.Invoke(builder.Services);
        // A painting takes seconds on a CPU with no bus traffic meanwhile: wait that long for what a test expects.
        builder.Services.AddOptions<TestHarnessOptions>().Configure(o =>
        {
            o.TestTimeout = TimeSpan.FromMinutes(3);
            o.TestInactivityTimeout = TimeSpan.FromMinutes(2);
        });
        host = builder.Build();
        await host.StartAsync();
        harness = host.Services.GetRequiredService<ITestHarness>();
        jobs = host.Services.GetRequiredService<JobStore>();
        uploads = host.Services.GetRequiredService<UploadStore>();
        gallery = host.Services.GetRequiredService<GalleryStore>();
        containers = host.Services.GetRequiredService<FarmBlobContainers>();
    }

    public async Task DisposeAsync()
    {
        if (host is null)
            return;
        await host.StopAsync();
        host.Dispose();
    }

    async Task<Guid> UploadedJobAsync()
    {
        var id = Guid.NewGuid();
        await uploads.PutAsync(id, await File.ReadAllBytesAsync(SharedData.Face("hopper.jpg")), "image/jpeg", CancellationToken.None);
        await jobs.CreateAsync(new JobRecord
        {
            Id = id,
            Status = JobStatus.Queued,
            RequestedStyle = "rembrandt-two-circles",
            SubmittedAt = DateTimeOffset.UtcNow,
            DeleteTokenHash = DeleteTokens.Hash("token"),
        });
        return id;
    }

    async Task PaintAsync(Guid jobId) =>
        await (await harness.Bus.GetSendEndpoint(new Uri($"queue:{host!.Services.GetRequiredService<PaintQueue>().Name}")))
            .Send(new PaintPortrait(jobId, DateTimeOffset.UtcNow));

    [Fact]
    public async Task A_job_canceled_before_its_claim_is_not_painted_and_its_photo_is_deleted()
    {
        await StartAsync();
        var jobId = await UploadedJobAsync();
        await jobs.CancelAsync(jobId, DateTimeOffset.UtcNow);

        await PaintAsync(jobId);

        Assert.True(await harness.Consumed.Any<PaintPortrait>(m => m.Context.Message.JobId == jobId));
        await Eventually.WaitForAsync(() => uploads.ExistsAsync(jobId), exists => !exists, TimeSpan.FromSeconds(30), "the photo to be deleted");
        var job = (await jobs.GetAsync(jobId))!;
        Assert.Equal(JobStatus.Canceled, job.Status);
        Assert.Null(job.GalleryId);
    }

    [Fact]
    public async Task A_job_canceled_while_it_is_painted_loses_its_painting_and_its_photo()
    {
        await StartAsync();
        var jobId = await UploadedJobAsync();

        await PaintAsync(jobId);
        var claimed = await Eventually.WaitForAsync(() => jobs.GetAsync(jobId), j => j!.Status == JobStatus.Processing,
            TimeSpan.FromSeconds(30), "the worker to claim the job");
        Assert.True((await jobs.CancelAsync(jobId, DateTimeOffset.UtcNow)).Applied);

        await Eventually.WaitForAsync(() => uploads.ExistsAsync(jobId), exists => !exists, TimeSpan.FromSeconds(120), "the photo to be deleted");
        var galleryId = claimed!.GalleryId!;
        await Eventually.WaitForAsync(() => gallery.GetAsync(galleryId), item => item is null, TimeSpan.FromSeconds(30), "the painting to be discarded");
        Assert.False(await containers.Gallery.GetBlobClient(FarmBlobContainers.PaintingBlobName(galleryId)).ExistsAsync());
        Assert.Equal(JobStatus.Canceled, (await jobs.GetAsync(jobId))!.Status);
    }

    [Fact]
    public async Task A_painted_job_takes_style_and_listing_from_its_record_not_the_message()
    {
        await StartAsync();
        var jobId = await UploadedJobAsync();

        await PaintAsync(jobId);

        Assert.True(await harness.Published.Any<PortraitPainted>(m => m.Context.Message.JobId == jobId));
        var painted = harness.Published.Select<PortraitPainted>(m => m.Context.Message.JobId == jobId).First().Context.Message;
        Assert.Equal(("rembrandt-two-circles", false), (painted.Style, painted.Listed));
        Assert.Equal(JobStatus.Succeeded, (await jobs.GetAsync(jobId))!.Status);
        Assert.False(await uploads.ExistsAsync(jobId));
    }

    [Fact]
    public async Task A_job_whose_record_is_gone_is_skipped_and_its_photo_is_deleted()
    {
        await StartAsync();
        var jobId = Guid.NewGuid();
        await uploads.PutAsync(jobId, await File.ReadAllBytesAsync(SharedData.Face("hopper.jpg")), "image/jpeg", CancellationToken.None);

        await PaintAsync(jobId);

        Assert.True(await harness.Consumed.Any<PaintPortrait>(m => m.Context.Message.JobId == jobId));
        await Eventually.WaitForAsync(() => uploads.ExistsAsync(jobId), exists => !exists, TimeSpan.FromSeconds(30), "the photo to be deleted");
        Assert.Null(await jobs.GetAsync(jobId)); // the claim did not bring a half record back to life
    }

    [Fact]
    public async Task A_job_whose_gallery_stays_unreachable_fails_on_the_last_retry_and_its_photo_is_deleted()
    {
        // The gallery's blob store is down (nothing listens on its port) for every attempt; uploads and records work.
        await StartAsync(services => services.AddSingleton(sp => new GalleryWriter(
            new FarmBlobContainers(UnreachableBlobStore()), sp.GetRequiredService<GalleryStore>(), TimeProvider.System)));
        var jobId = await UploadedJobAsync();

        await PaintAsync(jobId);

        Assert.True(await harness.Published.Any<Fault<PaintPortrait>>(m => m.Context.Message.Message.JobId == jobId));
        Assert.True(await harness.Published.Any<PortraitFailed>(m => m.Context.Message.JobId == jobId && m.Context.Message.ErrorCode == ErrorCodes.InternalError));
        var job = (await jobs.GetAsync(jobId))!;
        Assert.Equal((JobStatus.Failed, ErrorCodes.InternalError), (job.Status, job.ErrorCode));
        Assert.False(await uploads.ExistsAsync(jobId));
        // Two retries (as configured) before the job failed: each attempt painted and could not store the painting.
        Assert.Equal(2, logs.Records.Count(r => r.Contains($"Job {jobId} attempt", StringComparison.Ordinal) && r.Contains("failed; retrying", StringComparison.Ordinal)));
    }

    static BlobServiceClient UnreachableBlobStore() => new(
        new Uri("http://127.0.0.1:9/devstoreaccount1"),
        new StorageSharedKeyCredential("devstoreaccount1", Convert.ToBase64String(new byte[64])),
        new BlobClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(2) } });

    [Fact]
    public async Task A_message_delivered_twice_at_once_leaves_one_published_painting()
    {
        await StartAsync();
        var jobId = await UploadedJobAsync();

        await PaintAsync(jobId);
        await PaintAsync(jobId); // the broker hands the same job out again while the first delivery paints it

        await WaitForLogAsync(jobId, "was delivered twice", "became succeeded while painting");
        var job = (await jobs.GetAsync(jobId))!;
        Assert.Equal(JobStatus.Succeeded, job.Status);
        Assert.NotNull(await gallery.GetAsync(job.GalleryId!));
        Assert.True(await containers.Gallery.GetBlobClient(FarmBlobContainers.PaintingBlobName(job.GalleryId!)).ExistsAsync());
    }

    [Fact]
    public async Task A_message_delivered_again_after_success_leaves_the_painting_alone()
    {
        await StartAsync();
        var jobId = await UploadedJobAsync();
        await PaintAsync(jobId);
        var painted = await Eventually.WaitForAsync(() => jobs.GetAsync(jobId), j => j!.Status == JobStatus.Succeeded,
            TimeSpan.FromSeconds(120), "the first delivery to finish");

        await PaintAsync(jobId);

        await WaitForLogAsync(jobId, "not painted: it is succeeded");
        Assert.NotNull(await gallery.GetAsync(painted!.GalleryId!));
        Assert.True(await containers.Gallery.GetBlobClient(FarmBlobContainers.PaintingBlobName(painted.GalleryId!)).ExistsAsync());
        // Its photo went with the first delivery, so the download beside the second's claim found nothing: that is
        // dropped with the delivery (logged before the skip above), not a failure of the job or of the message.
        Assert.Contains(logs.Records, r => r.Contains(jobId.ToString(), StringComparison.Ordinal) && r.Contains("download beside a claim", StringComparison.Ordinal));
        Assert.Equal(JobStatus.Succeeded, (await jobs.GetAsync(jobId))!.Status);
    }

    Task WaitForLogAsync(Guid jobId, params string[] anyOf) =>
        Eventually.WaitForAsync(() => Task.FromResult(logs.Records.Any(r => r.Contains(jobId.ToString(), StringComparison.Ordinal)
                && anyOf.Any(text => r.Contains(text, StringComparison.Ordinal)))),
            seen => seen, TimeSpan.FromSeconds(120), $"the worker to log one of: {string.Join(" | ", anyOf)}");
}
