using System.Diagnostics;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Worker.Pipeline;

/// <summary>Runs each stage of a job inside its own trace span and records its duration (ms) under the stage's name.</summary>
public sealed class StageTimer
{
    readonly Dictionary<string, double> timings = new();

    public IReadOnlyDictionary<string, double> TimingsMs => timings;

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
            timings[stage] = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);
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
            timings[stage] = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);
        }
    }
}
