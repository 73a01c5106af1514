using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace RenderFarm.Worker.Tests;

/// <summary>
/// Hears one of the worker's integer instruments in this process (a batch size: the painter's or a stage model's) and
/// keeps each measurement with the value of one tag. Tests run side by side, so a test looks only for what it alone
/// makes (its own painter names, a batch size no other test uses).
/// </summary>
public static class TaggedMeasurements
{
    public static MeterListener Listen(string instrumentName, string tagKey, ConcurrentQueue<(string Tag, int Value)> measurements)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == instrumentName) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == tagKey && tag.Value is string text)
                    measurements.Enqueue((text, value));
        });
        listener.Start();
        return listener;
    }
}
