using Microsoft.Extensions.DependencyInjection;
using RenderFarm.Contracts;
using RenderFarm.Farm.Jobs;
using StackExchange.Redis;

namespace RenderFarm.Gateway.Tests.Portraits;

/// <summary>
/// A change that was never announced (Redis pub/sub is at most once; a Gateway reconnecting misses what was said) still
/// reaches the stream at its next read of the record, on the real Redis.
/// </summary>
public sealed class StatusRecheckTests(GatewayFixture<StatusRecheckTests.Settings> gateway) : GatewayHost<StatusRecheckTests.Settings>(gateway)
{
    public sealed class Settings : IGatewaySettings
    {
        public static void Configure(Dictionary<string, string?> settings)
        {
            settings["StatusStreams:QueuedRefresh"] = "01:00:00";
            settings["StatusStreams:Recheck"] = "00:00:00.200";
        }
    }

    [Fact]
    public async Task A_job_ended_without_an_announcement_still_ends_its_stream()
    {
        var jobs = Services.GetRequiredService<JobStore>();
        var id = Guid.NewGuid();
        await jobs.CreateAsync(new JobRecord { Id = id, Status = JobStatus.Processing, SubmittedAt = DateTimeOffset.UtcNow });
        await using var events = await StatusEventReader.OpenAsync(Client, id);
        Assert.Equal(JobStatus.Processing, (await events.NextAsync(TimeSpan.FromSeconds(10)))?.GetProperty("status").GetString());

        // Written behind the scripts' back: nothing is published.
        await Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase()
            .HashSetAsync(JobStore.Key(id), [new HashEntry("status", JobStatus.Failed), new HashEntry("errorCode", ErrorCodes.InternalError)]);

        var ended = await events.NextAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(JobStatus.Failed, ended?.GetProperty("status").GetString());
        Assert.Null(await events.NextAsync(TimeSpan.FromSeconds(10)));
    }
}
