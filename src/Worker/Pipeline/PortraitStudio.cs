using System.Diagnostics;
using RenderFarm.Contracts;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Painting;

namespace RenderFarm.Worker.Pipeline;

/// <summary>
/// Photo bytes in, metadata-free painting out: decode → find face → frame → choose style → paint → encode.
/// No services involved, so the farm's consumer and the local `paint` command share it.
/// </summary>
public sealed class PortraitStudio(
    SourceDecoder decoder,
    FaceDetector faces,
    PortraitFramer framer,
    StyleChooser chooser,
    PainterRegistry painters,
    PaintDemand demand,
    PaintingEncoder encoder,
    StageThreads stageThreads)
{
    public async Task<StudioResult> PaintAsync(byte[] photoBytes, string requestedStyle, StageTimer stages, CancellationToken cancellationToken)
    {
        // Until this job reaches its painter, the batcher knows to wait a moment for it.
        using var arrival = demand.Expect();
        var (found, framed, choice) = await stageThreads.RunAsync(() =>
        {
            var photo = stages.Run("decode", () => decoder.Decode(photoBytes));
            var found = stages.Run("detect", () => faces.Detect(photo));
            var framed = stages.Run("frame", () => framer.Frame(photo, found, faces.IsAvailable ? "no face found" : "no face detector configured"));
            var choice = stages.Run("style", () => chooser.Choose(requestedStyle, framed));
            return (found, framed, choice);
        });
        arrival.Dispose();
        var painting = await stages.RunAsync("paint", () => PaintAsync(choice.Style, framed.Image, cancellationToken));
        var encoded = await stages.RunAsync("encode", () => encoder.EncodeAsync(painting));
        return new StudioResult(encoded, choice, framed.Framing, found.OrderByDescending(f => f.Area).FirstOrDefault());
    }

    async Task<RgbaImage> PaintAsync(string style, RgbaImage image, CancellationToken cancellationToken)
    {
        try
        {
            if (!painters.TryGet(style, out var painter))
                throw new PortraitJobException(ErrorCodes.StyleUnavailable, $"Painter \"{style}\" is not available on this worker.");
            Activity.Current?.SetTag("renderfarm.painter", style);
            Activity.Current?.SetTag("renderfarm.provider", painters.Provider);
            return await painter.PaintAsync(image, cancellationToken);
        }
        catch (Exception ex) when (ex is not (PortraitJobException or OperationCanceledException))
        {
            throw new PortraitJobException(ErrorCodes.PainterFailed, $"Painter \"{style}\" failed: {ex.GetType().Name}.", ex);
        }
    }
}
