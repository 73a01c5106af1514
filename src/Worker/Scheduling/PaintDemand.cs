namespace RenderFarm.Worker.Scheduling;

/// <summary>
/// How many of this worker's jobs are between claim and painter: the batcher waits for company only while some
/// are, so a lone job on an idle worker is painted at once instead of paying MaxDelay.
/// </summary>
public sealed class PaintDemand
{
    int upstream;

    public int Upstream => Volatile.Read(ref upstream);

    public IDisposable Expect()
    {
        Interlocked.Increment(ref upstream);
        return new Arrival(this);
    }

    sealed class Arrival(PaintDemand demand) : IDisposable
    {
        int done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref done, 1) == 0)
                Interlocked.Decrement(ref demand.upstream);
        }
    }
}
