namespace RenderFarm.Worker.Scheduling;

/// <summary>
/// The painter's device failed for a reason that is not the photo's (see <see cref="ExecutionProviderFaults"/>), even
/// when painted alone: the job is retried with back-off, not failed as painter_failed.
/// </summary>
public sealed class PainterUnavailableException(string painter, Exception inner)
    : Exception($"Painter \"{painter}\" is unavailable: its execution provider failed ({inner.GetType().Name}).", inner)
{
    public string Painter { get; } = painter;
}
