using Microsoft.Extensions.DependencyInjection;
using RenderFarm.Contracts;
using RenderFarm.Farm.Jobs;
using RenderFarm.Gateway.Portraits;
using RenderFarm.TestSupport;
using StackExchange.Redis;

namespace RenderFarm.Gateway.Tests.Portraits;

/// <summary>
/// A status stream is told of its job's changes as the worker's scripts make them, on the real Redis: the streams'
/// own timers are set to an hour here, so an event that comes within the test's wait came because it was announced.
/// </summary>
public sealed class StatusPushTests(GatewayFixture<StatusPushTests.Settings> gateway) : GatewayHost<StatusPushTests.Settings>(gateway)
{
    public sealed class Settings : IGatewaySettings
    {
        /// <summary>The Gateway's Redis client name, by which a test finds its connections on the server.</summary>
        public static readonly string ClientName = $"status-push-{Guid.NewGuid():N}";

        public static void Configure(Dictionary<string, string?> settings)
        {
            settings["StatusStreams:QueuedRefresh"] = "01:00:00";
            settings["StatusStreams:Recheck"] = "01:00:00";
            settings["ConnectionStrings:redis"] = $"{RedisAddress},name={ClientName}";
        }
    }

    static string RedisAddress => Environment.GetEnvironmentVariable("ConnectionStrings__redis") ?? "127.0.0.1:6379";

    static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    JobStore Jobs => Services.GetRequiredService<JobStore>();

    [Fact]
    public async Task A_stream_tells_of_the_claim_and_the_success_as_they_are_made_and_then_ends()
    {
        var id = await QueuedJobAsync();
        await using var events = await StatusEventReader.OpenAsync(Client, id);
        Assert.Equal(JobStatus.Queued, Status(await events.NextAsync(Within)));

        Assert.True((await Jobs.ClaimAsync(id, DateTimeOffset.UtcNow)).Claimed);
        Assert.Equal(JobStatus.Processing, Status(await events.NextAsync(Within)));

        Assert.True((await WorkerSteps.SucceedAsync(Services, id, "ink", "test", "test figure")).Applied);
        var done = await events.NextAsync(Within);
        Assert.Equal(JobStatus.Succeeded, Status(done));
        Assert.Equal("ink", done!.Value.GetProperty("style").GetString());
        Assert.Null(await events.NextAsync(Within));
    }

    [Fact]
    public async Task A_stream_tells_of_a_failure_with_its_code_as_it_is_made()
    {
        var id = await QueuedJobAsync();
        await using var events = await StatusEventReader.OpenAsync(Client, id);
        Assert.Equal(JobStatus.Queued, Status(await events.NextAsync(Within)));

        Assert.True((await Jobs.FailAsync(id, ErrorCodes.CorruptImage, "The photo cannot be decoded.", DateTimeOffset.UtcNow)).Applied);

        var failed = await events.NextAsync(Within);
        Assert.Equal(JobStatus.Failed, Status(failed));
        Assert.Equal(ErrorCodes.CorruptImage, failed!.Value.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Streams_of_one_job_are_all_told_and_forgotten_once_their_clients_leave()
    {
        var changes = Services.GetRequiredService<JobStatusChanges>();
        var id = await QueuedJobAsync();
        var first = await StatusEventReader.OpenAsync(Client, id);
        var second = await StatusEventReader.OpenAsync(Client, id);
        Assert.Equal(JobStatus.Queued, Status(await first.NextAsync(Within)));
        Assert.Equal(JobStatus.Queued, Status(await second.NextAsync(Within)));

        Assert.True((await Jobs.ClaimAsync(id, DateTimeOffset.UtcNow)).Claimed);

        Assert.Equal(JobStatus.Processing, Status(await first.NextAsync(Within)));
        Assert.Equal(JobStatus.Processing, Status(await second.NextAsync(Within)));
        await first.DisposeAsync();
        await second.DisposeAsync();
        await Eventually.WaitForAsync(() => Task.FromResult(changes.WatchedJobs), n => n == 0, Within, "the streams' watches to be forgotten");
    }

    [Fact]
    public async Task A_stream_is_told_after_Redis_dropped_the_Gateways_subscription_and_it_subscribed_again()
    {
        var id = await QueuedJobAsync();
        await using var events = await StatusEventReader.OpenAsync(Client, id);
        Assert.Equal(JobStatus.Queued, Status(await events.NextAsync(Within)));
        await using var admin = await ConnectionMultiplexer.ConnectAsync($"{RedisAddress},allowAdmin=true");
        var server = admin.GetServer(admin.GetEndPoints()[0]);
        var channel = Jobs.StatusChannel;
        Assert.Equal(1, await server.SubscriptionSubscriberCountAsync(channel));

        // As a Redis restart or a network blip would: the Gateway's subscription connection is closed under it.
        var subscriptions = (await server.ClientListAsync()).Where(c => c.Name == Settings.ClientName && c.SubscriptionCount > 0).ToList();
        Assert.NotEmpty(subscriptions);
        long killed = 0;
        foreach (var connection in subscriptions)
            killed += await server.ClientKillAsync(connection.Id);
        Assert.Equal(subscriptions.Count, killed);
        await Eventually.WaitForAsync(() => server.SubscriptionSubscriberCountAsync(channel), n => n == 1, TimeSpan.FromSeconds(30),
            "the Gateway to subscribe again");

        Assert.True((await Jobs.ClaimAsync(id, DateTimeOffset.UtcNow)).Claimed);
        Assert.Equal(JobStatus.Processing, Status(await events.NextAsync(Within)));
    }

    async Task<Guid> QueuedJobAsync()
    {
        var id = Guid.NewGuid();
        await Jobs.CreateAsync(new JobRecord { Id = id, Status = JobStatus.Queued, SubmittedAt = DateTimeOffset.UtcNow });
        return id;
    }

    static string? Status(System.Text.Json.JsonElement? view) => view?.GetProperty("status").GetString();
}
