using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using RenderFarm.Contracts;

namespace RenderFarm.Gateway.Portraits;

/// <summary>
/// GET /api/portraits/{id}/events: the status view pushed as Server-Sent Events ("status") whenever it changes,
/// ending after a terminal status. Polling GET /api/portraits/{id} stays available.
/// </summary>
public static class StatusEvents
{
    static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    static readonly TimeSpan MaxStream = TimeSpan.FromMinutes(15);

    public static async IAsyncEnumerable<SseItem<JobStatusView>> StreamAsync(Guid id, JobProgress progress,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + MaxStream;
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
            try
            {
                await Task.Delay(Interval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }
}
