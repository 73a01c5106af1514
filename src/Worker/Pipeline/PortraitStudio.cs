using System.Diagnostics;
using RenderFarm.Contracts;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Scheduling;
using RenderFarm.Worker.Tone;

namespace RenderFarm.Worker.Pipeline;

/// <summary>
/// Photo bytes in, metadata-free painting out: decode → find face → frame → cut out the sitter → choose style → seat
/// on a ground → paint → keep the sitter's tone → encode. No services involved, so the farm's consumer and the local
/// `paint` command share it.
/// </summary>
public sealed class PortraitStudio(
    SourceDecoder decoder,
    LargePhotoGate largePhotos,
    FaceDetector faces,
    PortraitFramer framer,
    FigureGround figure,
    StyleChooser chooser,
    PainterRegistry painters,
    PaintDemand demand,
    ToneStep tone,
    PaintingEncoder encoder,
    StageThreads stageThreads)
{
    public async Task<StudioResult> PaintAsync(byte[] photoBytes, string requestedStyle, StageTimer stages, CancellationToken cancellationToken)
    {
        Prepared prepared;
        // Until this job reaches its painter, the batcher knows to wait a moment for it.
        using (demand.Expect())
        using (await largePhotos.EnterAsync(photoBytes, cancellationToken))
        {
            prepared = faces.Batches is null && figure.Batches is null
                ? await stageThreads.RunAsync(() => Prepare(photoBytes, requestedStyle, stages))
                : await PrepareInStepsAsync(photoBytes, requestedStyle, stages);
        }
        var (framed, mask, choice, sitting) = prepared;
        // The photo's side of the tone step needs no painting. When this job is the painter's whole batch (an idle
        // worker, where the portrait's wait is what counts), a stage thread makes it while the painter paints and only
        // the painting's side is left for after. In a larger batch the worker is busy: the stage threads have other
        // jobs' work beside the painter, there is no wait to win, and the step runs whole afterwards, holding its
        // planes only for as long as it runs.
        painters.Catalog.TryGet(choice.Style, out var painter, out _);
        Task<PhotoTone?>? photoTone = null;
        // A painter that never says it started paints alone as far as the tone step knows.
        var paintBatch = 1;
        // Called on the painter's thread: the step runs in this job's context, so its span joins the job's trace.
        var job = ExecutionContext.Capture();
        void StartTone(int batchSize)
        {
            paintBatch = batchSize;
            if (batchSize == 1)
                photoTone = stageThreads.RunAsync(() => stages.Run("tonePrep", () => tone.Prepare(sitting, painter, framed.Face)), job);
        }
        RgbaImage painting;
        try
        {
            painting = await stages.RunAsync("paint", () => PaintAsync(choice.Style, sitting.Image, StartTone, cancellationToken));
        }
        catch
        {
            // The job ends with the painter's error; the photo's side, if started, goes back to the pool once made.
            _ = photoTone?.ContinueWith(made => made.Result?.Dispose(), CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
        var finished = await stages.RunAsync("tone", async () =>
        {
            // Painted in a larger batch (or by a painter that never said it started): the whole step, now; where the
            // tone graph runs, together with the batch-mates.
            using var photo = photoTone is null ? null : await photoTone;
            return await tone.ApplyAsync(painting, sitting, painter, framed.Face, photo, paintBatch);
        });
        var encoded = await stages.RunAsync("encode", () => encoder.EncodeAsync(finished));
        // Nothing reads the job's canvas-sized images and its mask any more: they can hold the next job's. (A painter
        // that gives back its input, or a finish that keeps the toned painting, hands in one array twice; the pool takes it once.)
        foreach (var image in (ReadOnlySpan<RgbaImage>)[framed.Image, sitting.Image, painting, finished])
            PhotoBuffers.Canvases.Return(image.Pixels);
        if (mask is not null) PhotoBuffers.Masks.Return(mask.Alpha);
        return new StudioResult(encoded, choice, framed.Framing, sitting.Description, framed.Face);
    }

    // A job's whole preparation as one task of a stage thread.
    Prepared Prepare(byte[] photoBytes, string requestedStyle, StageTimer stages)
    {
        var photo = stages.Run("decode", () => decoder.Decode(photoBytes));
        var found = stages.Run("detect", () => faces.Detect(photo));
        var framed = Frame(photo, found, stages);
        var mask = stages.Run("segment", () => figure.Segment(framed.Image));
        return Seat(framed, mask, found.Count, requestedStyle, stages);
    }

    // The same where a stage model gathers the jobs on their way to it into one run (Execution:StageModelBatches): the
    // steps around the models are stage-thread tasks of their own, and a job waits for its model's run in between
    // without holding a stage thread. The job says at once that it is coming to both models, so a gathering at either
    // waits for it (a while at most) instead of running without it.
    async Task<Prepared> PrepareInStepsAsync(byte[] photoBytes, string requestedStyle, StageTimer stages)
    {
        using var toDetector = faces.Batches?.Expect();
        using var toSegmenter = figure.Batches?.Expect();
        var photo = await stageThreads.RunAsync(() => stages.Run("decode", () => decoder.Decode(photoBytes)));
        var found = await stages.RunAsync("detect", () => toDetector is null
            ? stageThreads.RunAsync(() => faces.Detect(photo))
            : faces.Batches!.RunAsync(photo, toDetector));
        var framed = await stageThreads.RunAsync(() => Frame(photo, found, stages));
        var mask = await stages.RunAsync("segment", () => toSegmenter is null
            ? stageThreads.RunAsync(() => figure.Segment(framed.Image))
            : figure.Batches!.RunAsync(framed.Image, toSegmenter));
        return await stageThreads.RunAsync(() => Seat(framed, mask, found.Count, requestedStyle, stages));
    }

    FramedPortrait Frame(RgbaImage photo, IReadOnlyList<FaceBox> found, StageTimer stages)
    {
        var framed = stages.Run("frame", () => framer.Frame(photo, found, faces.IsAvailable ? "no face found" : "no face detector configured"));
        // Framing made a canvas of its own: the photo's pixels can hold the next photo.
        decoder.Recycle(photo);
        return framed;
    }

    Prepared Seat(FramedPortrait framed, PersonMask? mask, int faceCount, string requestedStyle, StageTimer stages)
    {
        var choice = stages.Run("style", () => chooser.Choose(requestedStyle, framed, faceCount, mask));
        var sitting = stages.Run("ground", () => figure.Seat(framed.Image, mask, figure.GroundFor(choice.Style)));
        return new Prepared(framed, mask, choice, sitting);
    }

    sealed record Prepared(FramedPortrait Framed, PersonMask? Mask, StyleChoice Choice, Sitting Sitting);

    async Task<RgbaImage> PaintAsync(string style, RgbaImage image, Action<int> started, CancellationToken cancellationToken)
    {
        try
        {
            if (!painters.TryGet(style, out var painter))
                throw new PortraitJobException(ErrorCodes.StyleUnavailable, $"Painter \"{style}\" is not available on this worker.");
            Activity.Current?.SetTag("renderfarm.painter", style);
            Activity.Current?.SetTag("renderfarm.provider", painters.Provider);
            return await painter.PaintAsync(image, cancellationToken, started);
        }
        catch (Exception ex) when (ex is not (PortraitJobException or OperationCanceledException or PainterUnavailableException))
        {
            throw new PortraitJobException(ErrorCodes.PainterFailed, $"Painter \"{style}\" failed: {ex.GetType().Name}.", ex);
        }
    }
}
