using Microsoft.Extensions.Options;
using RenderFarm.Contracts;
using RenderFarm.Farm.Gallery;
using RenderFarm.Farm.Jobs;
using StackExchange.Redis;

namespace RenderFarm.Farm.Tests.Jobs;

/// <summary>The job record's verbs and their Lua check-and-set scripts, on the real Redis started by ./farm test.</summary>
public sealed class JobStoreTests : IAsyncLifetime
{
    IConnectionMultiplexer redis = null!;
    JobStore jobs = null!;
    GalleryStore gallery = null!;
    // A queue of its own: the queued and completion sets are per queue, so other tests' jobs never mix in.
    readonly PaintQueue queue = new($"test-jobs-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        redis = await ConnectionMultiplexer.ConnectAsync(Environment.GetEnvironmentVariable("ConnectionStrings__redis") ?? "127.0.0.1:6379");
        jobs = new JobStore(redis, Options.Create(new JobOptions()), queue);
        gallery = new GalleryStore(redis, $"test-gallery-{Guid.NewGuid():N}");
    }

    public async Task DisposeAsync() => await redis.DisposeAsync();

    async Task<Guid> QueuedAsync(bool listed = true, string style = "rembrandt-two-circles")
    {
        var id = Guid.NewGuid();
        await jobs.CreateAsync(new JobRecord
        {
            Id = id,
            Status = JobStatus.Queued,
            RequestedStyle = style,
            Listed = listed,
            SubmittedAt = DateTimeOffset.UtcNow,
            DeleteTokenHash = "hash",
        });
        return id;
    }

    // Two jobs claimed by a worker; the uploader of the second cancels it while it is painted.
    async Task<(Guid Processing, Guid Canceled)> TwoClaimedOneCanceledAsync()
    {
        var (processing, canceled) = (await QueuedAsync(), await QueuedAsync());
        await jobs.ClaimAsync(processing, DateTimeOffset.UtcNow);
        await jobs.ClaimAsync(canceled, DateTimeOffset.UtcNow);
        await jobs.CancelAsync(canceled, DateTimeOffset.UtcNow);
        return (processing, canceled);
    }

    static GalleryItem Item() => new(DeleteTokens.NewGalleryId(), "oil", DateTimeOffset.UtcNow, Listed: true, DeleteTokens.Hash("t"), 1234);

    // A gallery item for a success that is not itself under test.
    GalleryEntry Listing() => gallery.Entry(Item());

    static JobSuccess Painted(string style = "oil") =>
        new(style, "requested by the uploader", "framing", "figure", DateTimeOffset.UtcNow, new Dictionary<string, double> { ["total"] = 12.5 });

    [Fact]
    public async Task Claiming_a_queued_job_makes_it_processing_and_returns_what_the_worker_needs_in_one_call()
    {
        var id = await QueuedAsync(listed: true, style: "rubens-chapeau-de-paille");
        Assert.Equal(1, await jobs.QueuedCountAsync());

        var claim = await jobs.ClaimAsync(id, DateTimeOffset.UtcNow);

        Assert.True(claim.Claimed);
        Assert.Equal(JobStatus.Queued, claim.PreviousStatus);
        Assert.Equal(JobStatus.Processing, claim.Job!.Status);
        Assert.Equal("rubens-chapeau-de-paille", claim.Job.RequestedStyle);
        Assert.True(claim.Job.Listed);
        Assert.Equal("hash", claim.Job.DeleteTokenHash);
        Assert.False(string.IsNullOrEmpty(claim.Job.GalleryId));
        Assert.NotNull(claim.Job.StartedAt);
        Assert.Equal(0, await jobs.QueuedCountAsync());
    }

    [Fact]
    public async Task A_redelivered_job_is_claimed_again_with_the_same_gallery_id()
    {
        var id = await QueuedAsync();

        var first = await jobs.ClaimAsync(id, DateTimeOffset.UtcNow);
        var again = await jobs.ClaimAsync(id, DateTimeOffset.UtcNow);

        Assert.True(again.Claimed);
        Assert.Equal(JobStatus.Processing, again.PreviousStatus);
        Assert.Equal(first.Job!.GalleryId, again.Job!.GalleryId);
    }

    [Theory]
    [InlineData(JobStatus.Canceled)]
    [InlineData(JobStatus.Expired)]
    [InlineData(JobStatus.Failed)]
    public async Task An_ended_job_is_not_claimed_and_the_claim_says_how_it_ended(string ended)
    {
        var id = await QueuedAsync();
        var end = ended switch
        {
            JobStatus.Canceled => jobs.CancelAsync(id, DateTimeOffset.UtcNow),
            JobStatus.Expired => jobs.ExpireAsync(id, DateTimeOffset.UtcNow),
            _ => jobs.FailAsync(id, ErrorCodes.DecodeFailed, "bad photo", DateTimeOffset.UtcNow),
        };
        Assert.True((await end).Applied);

        var claim = await jobs.ClaimAsync(id, DateTimeOffset.UtcNow);

        Assert.False(claim.Claimed);
        Assert.Equal(ended, claim.PreviousStatus);
        Assert.Null((await jobs.GetAsync(id))!.GalleryId);
    }

    [Fact]
    public async Task A_missing_record_is_not_claimed_and_not_brought_back()
    {
        var id = Guid.NewGuid();

        var claim = await jobs.ClaimAsync(id, DateTimeOffset.UtcNow);

        Assert.False(claim.Claimed);
        Assert.True(claim.RecordMissing);
        Assert.Null(await jobs.GetAsync(id));
    }

    [Fact]
    public async Task Success_writes_what_was_painted_but_not_over_a_cancel_that_came_first()
    {
        var (painted, canceled) = await TwoClaimedOneCanceledAsync();

        var done = await jobs.SucceedAsync(painted, Painted("oil"), Listing());
        var late = await jobs.SucceedAsync(canceled, Painted("oil"), Listing());

        Assert.True(done.Applied);
        var record = (await jobs.GetAsync(painted))!;
        Assert.Equal((JobStatus.Succeeded, "oil", "figure", 12.5), (record.Status, record.Style, record.Figure, record.TimingsMs["total"]));
        Assert.False(late.Applied);
        Assert.Equal(JobStatus.Canceled, late.PreviousStatus);
        Assert.Equal(ErrorCodes.Canceled, (await jobs.GetAsync(canceled))!.ErrorCode);
    }

    [Fact]
    public async Task Success_lists_the_painting_in_the_gallery_only_when_the_job_became_succeeded()
    {
        var (painted, canceled) = await TwoClaimedOneCanceledAsync();
        var (shown, hidden) = (Item(), Item());

        Assert.True((await jobs.SucceedAsync(painted, Painted(), gallery.Entry(shown))).Applied);
        Assert.False((await jobs.SucceedAsync(canceled, Painted(), gallery.Entry(hidden))).Applied);
        // A second delivery of the painted job: the same gallery id again, no second feed entry.
        Assert.False((await jobs.SucceedAsync(painted, Painted(), gallery.Entry(shown))).Applied);

        Assert.Equal(shown with { CreatedAt = GalleryItem.RoundToMinute(shown.CreatedAt) }, await gallery.GetAsync(shown.Id));
        Assert.Null(await gallery.GetAsync(hidden.Id));
        Assert.Equal(new[] { shown.Id }, (await gallery.PageAsync(10, null)).Items.Select(i => i.Id));
    }

    [Fact]
    public async Task Ending_verbs_write_their_code_and_apply_only_once()
    {
        var id = await QueuedAsync();

        var expired = await jobs.ExpireAsync(id, DateTimeOffset.UtcNow);
        var canceled = await jobs.CancelAsync(id, DateTimeOffset.UtcNow);

        Assert.True(expired.Applied);
        Assert.False(canceled.Applied);
        Assert.Equal(JobStatus.Expired, canceled.PreviousStatus);
        var record = (await jobs.GetAsync(id))!;
        Assert.Equal((JobStatus.Expired, ErrorCodes.UploadExpired), (record.Status, record.ErrorCode));
        Assert.NotNull(record.CompletedAt);
    }

    [Fact]
    public async Task Every_change_of_status_is_announced_on_the_status_channel_and_a_refused_one_is_not()
    {
        // A message queue, not a handler: it hands the messages over in the order they came.
        var channel = await redis.GetSubscriber().SubscribeAsync(jobs.StatusChannel);
        var (painted, failed, canceled, expired) = (await QueuedAsync(), await QueuedAsync(), await QueuedAsync(), await QueuedAsync());

        await jobs.ClaimAsync(painted, DateTimeOffset.UtcNow);
        await jobs.SucceedAsync(painted, Painted(), Listing());
        await jobs.FailAsync(failed, ErrorCodes.InternalError, "broken", DateTimeOffset.UtcNow);
        await jobs.CancelAsync(canceled, DateTimeOffset.UtcNow);
        await jobs.ExpireAsync(expired, DateTimeOffset.UtcNow);
        // Refused: each of these jobs has ended already.
        Assert.False((await jobs.CancelAsync(painted, DateTimeOffset.UtcNow)).Applied);
        Assert.False((await jobs.ClaimAsync(failed, DateTimeOffset.UtcNow)).Claimed);
        Assert.False((await jobs.SucceedAsync(canceled, Painted(), Listing())).Applied);
        // A message published after these would arrive after them on the one subscription connection.
        var marker = Guid.NewGuid();
        await redis.GetDatabase().PublishAsync(jobs.StatusChannel, (string)JobStore.Key(marker)!);
        var announced = new List<Guid?>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (announced.LastOrDefault() != marker)
            announced.Add(JobStore.IdOfKey((await channel.ReadAsync(timeout.Token)).Message));
        await channel.UnsubscribeAsync();

        Assert.Equal([painted, painted, failed, canceled, expired, marker], announced);
    }
}
