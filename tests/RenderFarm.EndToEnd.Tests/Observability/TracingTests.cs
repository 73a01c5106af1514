using System.Diagnostics;
using OpenTelemetry.Trace;
using RenderFarm.TestSupport;

namespace RenderFarm.EndToEnd.Tests.Observability;

[Collection(FarmCollection.Name)]
public sealed class TracingTests
{
    [Fact]
    public async Task One_job_is_one_trace_from_upload_through_the_queue_to_gallery_write_and_source_delete()
    {
        var spans = new LockedCollection<Activity>();
        await using var farm = TestFarm.Start(FarmSettings.OnlyPainter("udnie"),
            configureServices: services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));

        var job = await farm.UploadAsync(SharedData.Face("hopper.jpg"), listed: true);
        await farm.WaitForEndAsync(job.Id);
        await Task.Delay(500); // the last spans end just after the status changes

        // Every host's exporter sees every in-process span, hence Distinct.
        var upload = spans.Snapshot().Distinct().Single(s => s.Kind == ActivityKind.Server && s.DisplayName.StartsWith("POST /api/portraits", StringComparison.Ordinal));
        var trace = spans.Snapshot().Distinct().Where(s => s.TraceId == upload.TraceId).ToList();
        var names = trace.Select(s => s.DisplayName).ToList();

        Assert.Contains(trace, s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Producer);
        Assert.Contains(trace, s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer);
        foreach (var stage in new[] { "download", "decode", "detect", "frame", "style", "paint", "tonePrep", "tone", "encode", "upload", "delete-source" })
            Assert.Contains($"paint-portrait {stage}", names);
        // Nothing identifying made it into any exported span.
        Assert.DoesNotContain(spans.Snapshot().SelectMany(s => s.TagObjects), t => IdentifyingTag(t.Key));
    }

    static bool IdentifyingTag(string key) => RenderFarm.ServiceDefaults.IdentifyingTagScrubber.IsIdentifying(key);
}
