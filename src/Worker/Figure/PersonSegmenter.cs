using System.Buffers;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using RenderFarm.Farm.Painters;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Scheduling;
using SkiaSharp;

namespace RenderFarm.Worker.Figure;

/// <summary>
/// MediaPipe Selfie Segmentation (Apache-2.0; ../shared/models/README.md §4): the framed portrait squashed to
/// 256×256, RGB 0..1 NHWC in, person probability NHWC out, refined at the image's size against the photo's own
/// edges (<see cref="GuidedFilter"/>). Without a model file the segmenter is unavailable and portraits are painted
/// full frame.
/// </summary>
public sealed class PersonSegmenter : IDisposable
{
    const int Side = 256;

    readonly InferenceSession? session;
    readonly IPartRunner parts;
    // The guided filter as a graph on the painters' device (Execution:StageGraphs), or null: then GuidedFilter's C#.
    readonly Lazy<InferenceSession?> refineGraph;

    public PersonSegmenter(IOptions<FigureOptions> options, IOptions<PainterOptions> painters, IOptions<BatchingOptions> batching,
        SessionFactory sessions, StageGraphs graphs, IPartRunner parts, StageThreads stageThreads, TimeProvider time, ILogger<PersonSegmenter> logger)
    {
        this.parts = parts;
        var opened = StageModel.TryOpen(options.Value.File, options.Value.Sha256, painters.Value.ModelDirectories, sessions, logger,
            "Person segmenter", "portraits are painted full frame");
        session = opened?.Session;
        if (opened is { Batched: true })
            Batches = new StageModelBatches<RgbaImage, PersonMask?>(SegmentAll, batching.Value.MaxBatch, stageThreads, time);
        refineGraph = new Lazy<InferenceSession?>(() => graphs.TryOpen("guided filter graph", () => GuidedFilterGraph.Build()));
    }

    /// <summary>"device" or "host" once the first mask has chosen where its guided filter runs; "undecided" before.</summary>
    public string RefinePlacement => refineGraph.IsValueCreated ? refineGraph.Value is null ? "host" : "device" : "undecided";

    public bool IsAvailable => session is not null;

    /// <summary>Where the segmenter gathers jobs into one run (Execution:StageModelBatches); null where it runs a job at a time.</summary>
    public StageModelBatches<RgbaImage, PersonMask?>? Batches { get; }

    /// <summary>The person mask at the image's size, or null without a segmenter.</summary>
    public PersonMask? Segment(RgbaImage image) => SegmentAll([image])[0];

    /// <summary>The masks of several images from one run of the model (a batch of them), each refined at its image's size as <see cref="Segment"/> does.</summary>
    public IReadOnlyList<PersonMask?> SegmentAll(IReadOnlyList<RgbaImage> images)
    {
        if (session is null) return new PersonMask?[images.Count];
        if (refineGraph.Value is { } graph)
        {
            using var outputs = Run(session, images);
            var masks = new PersonMask?[images.Count];
            for (var i = 0; i < images.Count; i++)
                masks[i] = new PersonMask(images[i].Width, images[i].Height, RefineOnDevice(graph, outputs[0], i, images[i]));
            return masks;
        }
        return SegmentOnHost(session, images);
    }

    // The guided filter's guide side needs no mask: each image's is made while the model runs, by a stage thread that
    // is free to (on an idle worker the model's ~4 ms on one core hide it), else by this one after the run.
    PersonMask?[] SegmentOnHost(InferenceSession model, IReadOnlyList<RgbaImage> images)
    {
        var guides = new FilterGuide?[images.Count];
        IDisposableReadOnlyCollection<OrtValue>? outputs = null;
        try
        {
            parts.Run(images.Count + 1, part =>
            {
                if (part == 0) outputs = Run(model, images);
                else guides[part - 1] = FilterGuide.Of(images[part - 1]);
            });
            var masks = new PersonMask?[images.Count];
            for (var i = 0; i < images.Count; i++)
                masks[i] = new PersonMask(images[i].Width, images[i].Height,
                    GuidedFilter.Refine(outputs![0].GetTensorDataAsSpan<float>().Slice(i * Side * Side, Side * Side), Side, Side, guides[i]!, parts));
            return masks;
        }
        finally
        {
            outputs?.Dispose();
            foreach (var guide in guides) guide?.Dispose();
        }
    }

    static IDisposableReadOnlyCollection<OrtValue> Run(InferenceSession model, IReadOnlyList<RgbaImage> images) =>
        StageModel.Run(model, "person-segmenter", [images.Count, Side, Side, 3], images.Count * InputLength, images,
            (input, canvases) =>
            {
                for (var i = 0; i < canvases.Count; i++)
                    InputOf(canvases[i], input.Slice(i * InputLength, InputLength));
            }, ["mask"]);

    /// <summary>The model's input shape: one image, 256×256, RGB interleaved (NHWC).</summary>
    public static readonly long[] InputShape = [1, Side, Side, 3];

    /// <summary>The model's input for an image: squashed to 256×256, RGB 0..1, interleaved.</summary>
    public static float[] InputOf(RgbaImage image)
    {
        var input = new float[InputLength];
        InputOf(image, input);
        return input;
    }

    const int InputLength = Side * Side * 3;

    static void InputOf(RgbaImage image, Span<float> input)
    {
        var small = ImageOps.CropAndScale(image, SKRectI.Create(0, 0, image.Width, image.Height), Side, Side);
        var pixels = small.Pixels.AsSpan(0, Side * Side * 4);
        var i = 0;
        if (Avx2.IsSupported)
        {
            // Two pixels' eight bytes as eight floats, divided by 255 as one at a time does, their R, G, B moved to the
            // front and stored at once: the two values after them are overwritten by the next pair's.
            var (levels, rgb) = (Vector256.Create(255f), Vector256.Create(0, 1, 2, 4, 5, 6, 7, 7));
            for (; i + 3 <= Side * Side; i += 2)
            {
                var bytes = Vector128.CreateScalar(MemoryMarshal.Read<ulong>(pixels[(i * 4)..])).AsByte();
                var values = Vector256.ConvertToSingle(Avx2.ConvertToVector256Int32(bytes)) / levels;
                Avx2.PermuteVar8x32(values, rgb).CopyTo(input[(i * 3)..]);
            }
        }
        for (; i < Side * Side; i++)
        {
            input[i * 3] = pixels[i * 4] / 255f;
            input[i * 3 + 1] = pixels[i * 4 + 1] / 255f;
            input[i * 3 + 2] = pixels[i * 4 + 2] / 255f;
        }
        PhotoBuffers.Canvases.Return(small.Pixels);
    }

    // The segmenter's output goes in as it came out, the photo's pixels without a copy, and the result straight into
    // the mask's array. Of a batch's output, one image's share is copied to a pooled array first: the output is ONNX
    // Runtime's own memory, which a tensor of the next run cannot take a view of.
    static float[] RefineOnDevice(InferenceSession graph, OrtValue coarse, int index, RgbaImage image)
    {
        var refined = PhotoBuffers.Masks.Rent(image.Width * image.Height); // the graph writes every value
        var whole = coarse.GetTensorTypeAndShape().Shape[0] == 1;
        var share = whole ? null : ArrayPool<float>.Shared.Rent(Side * Side);
        try
        {
            if (share is not null)
                coarse.GetTensorDataAsSpan<float>().Slice(index * Side * Side, Side * Side).CopyTo(share);
            using var shareValue = share is null ? null
                : OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, share.AsMemory(0, Side * Side), [1, Side, Side, 1]);
            using var guide = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, image.Pixels.AsMemory(0, refined.Length * 4),
                [1, image.Height, image.Width, 4]);
            using var output = OrtValue.CreateTensorValueFromMemory(refined, [1, 1, image.Height, image.Width]);
            using var runOptions = new RunOptions();
            var started = Stopwatch.GetTimestamp();
            graph.Run(runOptions, [GuidedFilterGraph.CoarseInput, GuidedFilterGraph.GuideInput], [shareValue ?? coarse, guide], [GuidedFilterGraph.Output], [output]);
            WorkerMetrics.RecordStageModel("guided-filter-graph", started);
            return refined;
        }
        finally
        {
            if (share is not null) ArrayPool<float>.Shared.Return(share);
        }
    }

    public void Dispose()
    {
        session?.Dispose();
        if (refineGraph.IsValueCreated) refineGraph.Value?.Dispose();
    }
}
