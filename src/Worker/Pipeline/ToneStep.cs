using RenderFarm.Farm.Painters;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Scheduling;
using RenderFarm.Worker.Tone;

namespace RenderFarm.Worker.Pipeline;

/// <summary>
/// The tone step of a job, in one of its two forms from the Tone namespace, where
/// <see cref="ExecutionOptions.StageGraphs"/> puts it: <see cref="ToneOnDevice"/> (the graph, on the painters'
/// provider; the jobs of one paint batch in one run, <see cref="ToneGraphBatches"/>) or <see cref="ToneKeeper"/> (C#,
/// its parts spread over idle stage threads).
/// </summary>
public sealed class ToneStep : IDisposable
{
    readonly StageThreads stageThreads;
    readonly Lazy<ToneOnDevice?> device;
    readonly Lazy<ToneGraphBatches?> batches;

    public ToneStep(StageGraphs graphs, StageThreads stageThreads, TimeProvider time)
    {
        this.stageThreads = stageThreads;
        device = new(() => graphs.TryOpen("tone graph", () => ToneGraph.Build()) is { } session ? new ToneOnDevice(session, graphs.Provider) : null);
        batches = new(() => device.Value is { } graph ? new ToneGraphBatches(graph.Keep, stageThreads, time) : null);
    }

    /// <summary>"device:cuda", "device:cpu" or "host" once the first painting has chosen; "undecided" before.</summary>
    public string Placement => device.IsValueCreated ? device.Value is { } graph ? $"device:{graph.Provider}" : "host" : "undecided";

    /// <summary>
    /// The photo's side of the host's tone step (<see cref="ToneKeeper.Prepare"/>), which needs no painting, so the studio
    /// makes it while the painter paints; null where the graph runs (it takes the photo whole, in the same run).
    /// </summary>
    public PhotoTone? Prepare(Sitting sitting, PainterDescriptor painter, FaceBox? face) =>
        device.Value is null ? ToneKeeper.Prepare(sitting.Image, MediumTone.For(painter.Medium), face, sitting.Mask, stageThreads) : null;

    /// <summary>
    /// <see cref="Apply"/> off the caller's thread. Where the graph runs, a job painted in a batch is toned together
    /// with its batch-mates (<see cref="ToneGraphBatches"/>); otherwise the step runs on a stage thread.
    /// </summary>
    /// <param name="painting"></param>
    /// <param name="sitting"></param>
    /// <param name="painter"></param>
    /// <param name="face"></param>
    /// <param name="prepared"></param>
    /// <param name="batchSize">How many jobs the painting's paint batch had.</param>
    public async Task<RgbaImage> ApplyAsync(RgbaImage painting, Sitting sitting, PainterDescriptor painter, FaceBox? face, PhotoTone? prepared, int batchSize)
    {
        if (batchSize <= 1 || batches.Value is not { } gathered)
            return await stageThreads.RunAsync(() => Apply(painting, sitting, painter, face, prepared));
        var toned = await gathered.KeepAsync(new ToneJob(painting, sitting.Image, MediumTone.For(painter.Medium), face, sitting.Mask), batchSize);
        return await stageThreads.RunAsync(() => Finish(toned, sitting));
    }

    /// <summary>
    /// The painting with the sitter's light and skin colour back, laid on its paper where the medium is drawn
    /// (<see cref="PaintingFinish"/>). <paramref name="prepared"/>, this sitting's <see cref="Prepare"/> if made, stays the caller's.
    /// </summary>
    public RgbaImage Apply(RgbaImage painting, Sitting sitting, PainterDescriptor painter, FaceBox? face, PhotoTone? prepared = null)
    {
        var tone = MediumTone.For(painter.Medium);
        // The canvas's sides are multiples of 4 (CanvasOptions), as the graph needs.
        var toned = device.Value is { } graph ? graph.Keep(painting, sitting.Image, tone, face, sitting.Mask)
            : prepared is not null ? ToneKeeper.Keep(painting, prepared, stageThreads)
            : ToneKeeper.Keep(painting, sitting.Image, tone, face, sitting.Mask, stageThreads);
        return Finish(toned, sitting);
    }

    static RgbaImage Finish(RgbaImage toned, Sitting sitting)
    {
        var finished = PaintingFinish.OnPaper(toned, sitting);
        // Laid on paper, the toned painting was only a step: its pixels can hold the next job's.
        if (!ReferenceEquals(finished, toned)) PhotoBuffers.Canvases.Return(toned.Pixels);
        return finished;
    }

    public void Dispose()
    {
        if (device.IsValueCreated) device.Value?.Dispose();
    }
}
