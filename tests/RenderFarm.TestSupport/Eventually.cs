namespace RenderFarm.TestSupport;

/// <summary>Polls until a condition holds or a deadline passes (bounded waits for asynchronous work).</summary>
public static class Eventually
{
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last;
        while (true)
        {
            last = await probe();
            if (done(last)) return last;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:F0}s waiting for {what}; last value: {last}");
            await Task.Delay(200);
        }
    }
}
