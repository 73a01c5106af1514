using Microsoft.Extensions.Options;
using RenderFarm.Farm.Painters;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Pipeline;

namespace RenderFarm.Worker.Tone;

/// <summary>
/// The tone step of a job, run where <see cref="ToneOptions.Placement"/> says: <see cref="ToneOnDevice"/> (the graph, on
/// the painters' provider) or <see cref="ToneKeeper"/> (C#, its parts spread over idle stage threads). The choice is
/// made at the first painting, once the painters have said which provider they run on, and logged once.
/// </summary>
public sealed class ToneStep : IDisposable
{
    readonly Lazy<ToneOnDevice?> device;
    readonly IPartRunner parts;

    public ToneStep(IOptions<ToneOptions> options, SessionFactory sessions, PainterRegistry painters, IPartRunner parts, ILogger<ToneStep> logger)
    {
        this.parts = parts;
        device = new Lazy<ToneOnDevice?>(() =>
        {
            var placement = options.Value.Placement;
            if (placement == "host" || (placement == "auto" && painters.Provider != "cuda"))
            {
                logger.ToneOnHost(painters.Provider);
                return null;
            }
            var session = sessions.Create("tone graph", ToneGraph.Build(), intraOpThreads: 1);
            logger.ToneOnDevice(sessions.ProviderInUse);
            return new ToneOnDevice(session, sessions.ProviderInUse);
        });
    }

    /// <summary>"device:cuda", "device:cpu" or "host", once the first painting has chosen.</summary>
    public string Placement => device.IsValueCreated ? device.Value is { } graph ? $"device:{graph.Provider}" : "host" : "undecided";

    /// <summary>The painting with the sitter's light and skin colour back, laid on its paper where the medium is drawn (<see cref="PaintingFinish"/>).</summary>
    public RgbaImage Apply(RgbaImage painting, Sitting sitting, PainterDescriptor painter, FaceBox? face)
    {
        var tone = MediumTone.For(painter.Medium);
        // The canvas's sides are multiples of 4 (CanvasOptions), as the graph needs.
        var toned = device.Value is { } graph
            ? graph.Keep(painting, sitting.Image, tone, face, sitting.Mask)
            : ToneKeeper.Keep(painting, sitting.Image, tone, face, sitting.Mask, parts);
        return PaintingFinish.OnPaper(toned, sitting);
    }

    public void Dispose()
    {
        if (device.IsValueCreated) device.Value?.Dispose();
    }
}
