using System.Diagnostics;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Worker.Pipeline;

/// <summary>
/// Runs each stage of a job inside its own trace span and records its duration (ms) under the stage's name. Stages may
/// run at once (the tone step's photo side beside the painter), so recording takes a lock.
/// </summary>
public sealed class StageTimer
{
    readonly Dictionary<string, double> timings = new();
    readonly Lock recording = new();

    /// <summary>The stages' durations so far, as a copy.</summary>
    public IReadOnlyDictionary<string, double> TimingsMs
    {
        get
        {
            lock (recording) return new Dictionary<string, double>(timings);
        }
    }

    void Record(string stage, long started)
    {
        var ms = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);
        lock (recording) timings[stage] = ms;
    }

    public T Run<T>(string stage, Func<T> work)
    {
        using var activity = FarmTelemetry.ActivitySource.StartActivity($"paint-portrait {stage}");
        var started = Stopwatch.GetTimestamp();
        try
        {
            return work();
        }
        finally
        {
            Record(stage, started);
        }
    }

    public async Task RunAsync(string stage, Func<Task> work) => await RunAsync(stage, async () =>
    {
        await work();
        return true;
    });

    public async Task<T> RunAsync<T>(string stage, Func<Task<T>> work)
    {
        using var activity = FarmTelemetry.ActivitySource.StartActivity($"paint-portrait {stage}");
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await work();
        }
        finally
        {
            Record(stage, started);
        }
    }
}
