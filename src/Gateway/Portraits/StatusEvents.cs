using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using RenderFarm.Contracts;

namespace RenderFarm.Gateway.Portraits;

/// <summary>
/// GET /api/portraits/{id}/events: the status view pushed as Server-Sent Events ("status") whenever it changes,
/// ending after a terminal status. A change a worker makes (claim, success, failure) is sent as it is announced on the
/// status channel (<see cref="JobStatusChanges"/>); a queued job's place is read again every
/// <see cref="StatusStreamOptions.QueuedRefresh"/>, and any job's record every <see cref="StatusStreamOptions.Recheck"/>
/// whatever was announced. Polling GET /api/portraits/{id} stays available.
/// </summary>
public static class StatusEvents
{
    static readonly TimeSpan MaxStream = TimeSpan.FromMinutes(15);

    public static async IAsyncEnumerable<SseItem<JobStatusView>> StreamAsync(Guid id, JobProgress progress, JobStatusChanges changes,
        StatusStreamOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + MaxStream;
        // Watching before the first read: a change made between a read and the wait after it still wakes the wait.
        using var watch = await changes.WatchAsync(id);
        string? last = null;
        while (!cancellationToken.IsCancellationRequested && DateTime.UtcNow < deadline)
        {
            var view = await progress.GetAsync(id);
            if (view is null) yield break;
            // Everything a worker writes after the claim; the artwork follows from the style.
            var fingerprint = $"{view.Status}|{view.QueuePosition}|{view.EtaSeconds}|{view.Style}|{view.Figure}";
            if (fingerprint != last)
            {
                last = fingerprint;
                yield return new SseItem<JobStatusView>(view, "status") { ReconnectionInterval = TimeSpan.FromSeconds(2) };
            }
            if (JobStatus.IsTerminal(view.Status)) yield break;
            await watch.WaitAsync(view.Status == JobStatus.Queued ? options.QueuedRefresh : options.Recheck, cancellationToken);
        }
    }
}
