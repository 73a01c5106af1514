using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RenderFarm.Farm.Jobs;
using RenderFarm.Farm.Storage;
using RenderFarm.Farm.Uploads;
using RenderFarm.Gateway.Portraits;
using RenderFarm.Gateway.Uploads;
using RenderFarm.TestSupport;
using StackExchange.Redis;

namespace RenderFarm.Gateway.Tests.Portraits;

/// <summary>
/// The intake stores the photo and writes the job record at once. When one of the two fails, nothing of the upload may
/// stay behind (the uploader never learns the job's id), even though the other write went on meanwhile. Real Redis
/// (through a relay that cuts the record's write) and Azurite.
/// </summary>
public sealed partial class PortraitIntakeTests
{
    [Fact]
    public async Task A_record_that_cannot_be_written_leaves_no_photo_behind_though_the_photo_was_stored_meanwhile()
    {
        await using var relay = new TcpFaultProxy(6379);
        await using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{relay.Port},abortConnect=false,connectTimeout=2000");
        var uploads = new UploadStore(new FarmBlobContainers(new BlobServiceClient("UseDevelopmentStorage=true",
            new BlobClientOptions(BlobClientOptions.ServiceVersion.V2025_11_05))));
        var queue = new PaintQueue($"paint-portrait-test-{Guid.NewGuid():N}");
        var jobs = new JobStore(redis, Options.Create(new JobOptions()), queue);
        var logs = new CapturedLogs();
        using var logging = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var intake = new PortraitIntake(uploads, jobs, new IdempotencyStore(redis), new NoBroker(), queue, TimeProvider.System,
            logging.CreateLogger<PortraitIntake>());
        var photo = await File.ReadAllBytesAsync(SharedData.Face("hopper.jpg"));
        var request = new PortraitRequest(new InspectedImage(photo, "image/jpeg", 512, 512), "auto", Listed: false);

        // Only the record's write carries the submission time's field name.
        relay.CutOnceWhenClientSends("submittedAt");
        var outcome = await intake.AcceptAsync(request, idempotencyKey: "", client: "test", CancellationToken.None);

        Assert.Equal(1, relay.Cuts);
        Assert.Equal(IntakeOutcomeKind.FarmUnavailable, outcome.Kind);
        var line = Assert.Single(logs.Records, r => r.Contains("not accepted", StringComparison.Ordinal));
        Assert.Contains("record failed", line, StringComparison.Ordinal);
        var jobId = Guid.Parse(JobIdInLog().Match(line).Groups[1].Value);
        Assert.False(await uploads.ExistsAsync(jobId));
        Assert.Null(await jobs.GetAsync(jobId));
    }

    [GeneratedRegex("Job ([0-9a-f-]{36}) not accepted")]
    private static partial Regex JobIdInLog();

    // The record fails before anything is sent; a send reaching this would be the bug.
    sealed class NoBroker : ISendEndpointProvider
    {
        public Task<ISendEndpoint> GetSendEndpoint(Uri address) =>
            throw new InvalidOperationException("Nothing may be sent for a job whose record was not written.");

        public ConnectHandle ConnectSendObserver(ISendObserver observer) =>
            throw new InvalidOperationException("Not used by the intake.");
    }
}
