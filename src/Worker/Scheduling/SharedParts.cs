using System.Runtime.ExceptionServices;

namespace RenderFarm.Worker.Scheduling;

/// <summary>
/// The parts of one stage step, taken one at a time by whichever thread asks next (<see cref="Take"/>), so a thread
/// that comes late finds nothing left and returns at once. The stage's own thread takes parts too and then waits
/// only for the parts other threads are still running; a part's exception is thrown there, after all parts ended.
/// </summary>
sealed class SharedParts(int count, Action<int> part)
{
    readonly object gate = new();
    readonly int count = count;
    int next = -1;
    int running = count;
    Exception? failure;

    public void Take()
    {
        int index;
        while ((index = Interlocked.Increment(ref next)) < count)
        {
            try
            {
                part(index);
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref failure, ex, null);
            }
            if (Interlocked.Decrement(ref running) == 0)
                lock (gate) Monitor.PulseAll(gate);
        }
    }

    public void TakeAndWait()
    {
        Take();
        lock (gate)
            while (Volatile.Read(ref running) > 0) Monitor.Wait(gate);
        if (failure is not null) ExceptionDispatchInfo.Throw(failure);
    }
}
