using RenderFarm.Farm.Jobs;
using StackExchange.Redis;

namespace RenderFarm.Gateway.Portraits;

/// <summary>
/// This Gateway's one subscription to the farm's status channel (<see cref="JobStore.StatusChannel"/>, where every
/// claim and every end of a job is announced by the script that makes it), handed to the status streams watching that
/// job: a stream tells its client the moment a worker finishes, instead of at its next read of the record.
/// </summary>
public sealed class JobStatusChanges(IConnectionMultiplexer redis, JobStore jobs, ILogger<JobStatusChanges> logger) : IDisposable
{
    readonly Dictionary<Guid, List<JobStatusWatch>> watches = [];
    readonly SemaphoreSlim subscribing = new(1, 1);
    volatile bool subscribed;

    /// <summary>
    /// A watch on the job's announced changes, to dispose when the stream ends. Without the channel (Redis unreachable
    /// at the moment) the watch is never woken and the stream reads the record on its own timer; the next watch tries
    /// to subscribe again.
    /// </summary>
    public async Task<JobStatusWatch> WatchAsync(Guid jobId)
    {
        await SubscribeAsync();
        var watch = new JobStatusWatch(jobId, Forget);
        lock (watches)
        {
            if (!watches.TryGetValue(jobId, out var list)) watches[jobId] = list = [];
            list.Add(watch);
        }
        return watch;
    }

    /// <summary>Jobs with at least one watching stream on this Gateway.</summary>
    public int WatchedJobs
    {
        get
        {
            lock (watches) return watches.Count;
        }
    }

    async Task SubscribeAsync()
    {
        if (subscribed) return;
        await subscribing.WaitAsync();
        try
        {
            if (subscribed) return;
            // StackExchange.Redis subscribes again by itself after a reconnect; what was said in between is lost, which
            // the streams' own reads (StatusStreamOptions.Recheck) cover.
            await redis.GetSubscriber().SubscribeAsync(jobs.StatusChannel, (_, message) => Announce(JobStore.IdOfKey(message)));
            subscribed = true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.StatusChannelUnavailable(e);
        }
        finally
        {
            subscribing.Release();
        }
    }

    void Announce(Guid? jobId)
    {
        if (jobId is not { } id) return;
        lock (watches)
        {
            if (!watches.TryGetValue(id, out var list)) return;
            foreach (var watch in list) watch.Signal();
        }
    }

    void Forget(JobStatusWatch watch)
    {
        lock (watches)
        {
            if (!watches.TryGetValue(watch.JobId, out var list)) return;
            list.Remove(watch);
            if (list.Count == 0) watches.Remove(watch.JobId);
        }
    }

    public void Dispose() => subscribing.Dispose();
}
