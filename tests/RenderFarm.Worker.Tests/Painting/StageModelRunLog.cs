using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace RenderFarm.Worker.Tests.Painting;

/// <summary>
/// Hears the jobs in each run of a stage model in this process (renderfarm.worker.stage_model.batch_size). Tests run
/// side by side, so a test looks for the runs only it makes (a batch size no other test uses).
/// </summary>
public static class StageModelRunLog
{
    public static MeterListener Listen(ConcurrentQueue<(string Model, int Jobs)> runs)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "renderfarm.worker.stage_model.batch_size") l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<int>((_, jobs, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag is { Key: "model", Value: string model })
                    runs.Enqueue((model, jobs));
        });
        listener.Start();
        return listener;
    }
}
