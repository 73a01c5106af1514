using RenderFarm.Farm.Painters;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Tone;

namespace RenderFarm.Worker.Pipeline;

/// <summary>
/// The tone step of a job, in one of its two forms from the Tone namespace, where
/// <see cref="ExecutionOptions.StageGraphs"/> puts it: <see cref="ToneOnDevice"/> (the graph, on the painters'
/// provider) or <see cref="ToneKeeper"/> (C#, its parts spread over idle stage threads).
/// </summary>
public sealed class ToneStep(StageGraphs graphs, IPartRunner parts) : IDisposable
{
    readonly Lazy<ToneOnDevice?> device = new(() =>
        graphs.TryOpen("tone graph", () => ToneGraph.Build()) is { } session ? new ToneOnDevice(session, graphs.Provider) : null);

    /// <summary>"device:cuda", "device:cpu" or "host" once the first painting has chosen; "undecided" before.</summary>
    public string Placement => device.IsValueCreated ? device.Value is { } graph ? $"device:{graph.Provider}" : "host" : "undecided";

    /// <summary>
    /// The photo's side of the host's tone step (<see cref="ToneKeeper.Prepare"/>), which needs no painting, so the studio
    /// makes it while the painter paints; null where the graph runs (it takes the photo whole, in the same run).
    /// </summary>
    public PhotoTone? Prepare(Sitting sitting, PainterDescriptor painter, FaceBox? face) =>
        device.Value is null ? ToneKeeper.Prepare(sitting.Image, MediumTone.For(painter.Medium), face, sitting.Mask, parts) : null;

    /// <summary>
    /// The painting with the sitter's light and skin colour back, laid on its paper where the medium is drawn
    /// (<see cref="PaintingFinish"/>). <paramref name="prepared"/>, this sitting's <see cref="Prepare"/> if made, stays the caller's.
    /// </summary>
    public RgbaImage Apply(RgbaImage painting, Sitting sitting, PainterDescriptor painter, FaceBox? face, PhotoTone? prepared = null)
    {
        var tone = MediumTone.For(painter.Medium);
        // The canvas's sides are multiples of 4 (CanvasOptions), as the graph needs.
        var toned = device.Value is { } graph ? graph.Keep(painting, sitting.Image, tone, face, sitting.Mask)
            : prepared is not null ? ToneKeeper.Keep(painting, prepared, parts)
            : ToneKeeper.Keep(painting, sitting.Image, tone, face, sitting.Mask, parts);
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
