using System.Diagnostics;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using RenderFarm.Farm.Painters;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Painting;
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

    public PersonSegmenter(IOptions<FigureOptions> options, IOptions<PainterOptions> painters, SessionFactory sessions, StageGraphs graphs,
        IPartRunner parts, ILogger<PersonSegmenter> logger)
    {
        this.parts = parts;
        session = StageModel.TryOpen(options.Value.File, options.Value.Sha256, painters.Value.ModelDirectories, sessions, logger,
            "Person segmenter", "portraits are painted full frame");
        refineGraph = new Lazy<InferenceSession?>(() => graphs.TryOpen("guided filter graph", () => GuidedFilterGraph.Build()));
    }

    /// <summary>"device" or "host" once the first mask has chosen where its guided filter runs; "undecided" before.</summary>
    public string RefinePlacement => refineGraph.IsValueCreated ? refineGraph.Value is null ? "host" : "device" : "undecided";

    public bool IsAvailable => session is not null;

    /// <summary>The person mask at the image's size, or null without a segmenter.</summary>
    public PersonMask? Segment(RgbaImage image)
    {
        if (session is null) return null;
        using var outputs = StageModel.Run(session, "person-segmenter", InputShape, InputLength, image, (input, canvas) => InputOf(canvas, input), ["mask"]);
        if (refineGraph.Value is { } graph)
            return new PersonMask(image.Width, image.Height, RefineOnDevice(graph, outputs[0], image));
        var mask = outputs[0].GetTensorDataAsSpan<float>();
        return new PersonMask(image.Width, image.Height, GuidedFilter.Refine(mask, Side, Side, image, parts));
    }

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
        for (var i = 0; i < Side * Side; i++)
        {
            input[i * 3] = small.Pixels[i * 4] / 255f;
            input[i * 3 + 1] = small.Pixels[i * 4 + 1] / 255f;
            input[i * 3 + 2] = small.Pixels[i * 4 + 2] / 255f;
        }
        PhotoBuffers.Canvases.Return(small.Pixels);
    }

    // The segmenter's output goes in as it came out, the photo's pixels without a copy, and the result straight into the mask's array.
    static float[] RefineOnDevice(InferenceSession graph, OrtValue coarse, RgbaImage image)
    {
        var refined = PhotoBuffers.Masks.Rent(image.Width * image.Height); // the graph writes every value
        using var guide = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, image.Pixels.AsMemory(0, refined.Length * 4),
            [1, image.Height, image.Width, 4]);
        using var output = OrtValue.CreateTensorValueFromMemory(refined, [1, 1, image.Height, image.Width]);
        using var runOptions = new RunOptions();
        var started = Stopwatch.GetTimestamp();
        graph.Run(runOptions, [GuidedFilterGraph.CoarseInput, GuidedFilterGraph.GuideInput], [coarse, guide], [GuidedFilterGraph.Output], [output]);
        WorkerMetrics.RecordStageModel("guided-filter-graph", started);
        return refined;
    }

    public void Dispose()
    {
        session?.Dispose();
        if (refineGraph.IsValueCreated) refineGraph.Value?.Dispose();
    }
}
