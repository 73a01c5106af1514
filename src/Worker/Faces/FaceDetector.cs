using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using RenderFarm.Farm.Painters;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Scheduling;

namespace RenderFarm.Worker.Faces;

/// <summary>
/// UltraFace RFB-320 (Linzaer, MIT): the whole image stretched to 320×240, (p − 127) / 128, RGB NCHW; outputs
/// softmax scores [1,4420,2] and corner boxes [1,4420,4] normalised to the input. Kept: score above the threshold,
/// then greedy NMS, largest first. Without a model file the detector is simply unavailable.
/// </summary>
public sealed class FaceDetector : IDisposable
{
    const int InputWidth = 320, InputHeight = 240;

    readonly InferenceSession? session;
    readonly FaceDetectionOptions settings;

    public FaceDetector(IOptions<FaceDetectionOptions> options, IOptions<PainterOptions> painters, IOptions<BatchingOptions> batching,
        SessionFactory sessions, StageThreads stageThreads, TimeProvider time, ILogger<FaceDetector> logger)
    {
        settings = options.Value;
        var opened = StageModel.TryOpen(settings.File, settings.Sha256, painters.Value.ModelDirectories, sessions, logger,
            "Face detector", "photos get a centred crop");
        session = opened?.Session;
        if (opened is { Batched: true })
            Batches = new StageModelBatches<RgbaImage, IReadOnlyList<FaceBox>>(DetectAll, batching.Value.MaxBatch, stageThreads, time);
    }

    public bool IsAvailable => session is not null;

    /// <summary>Where the detector gathers jobs into one run (Execution:StageModelBatches); null where it runs a job at a time.</summary>
    public StageModelBatches<RgbaImage, IReadOnlyList<FaceBox>>? Batches { get; }

    /// <summary>Faces found, most confident first; empty when none (or no detector).</summary>
    public IReadOnlyList<FaceBox> Detect(RgbaImage image) => DetectAll([image])[0];

    /// <summary>The faces of several images in one run of the model (a batch of them), each image's as <see cref="Detect"/> finds them.</summary>
    public IReadOnlyList<IReadOnlyList<FaceBox>> DetectAll(IReadOnlyList<RgbaImage> images)
    {
        if (session is null) return images.Select(_ => (IReadOnlyList<FaceBox>)[]).ToList();
        using var outputs = StageModel.Run(session, "face-detector", [images.Count, 3, InputHeight, InputWidth], images.Count * InputLength, images,
            (input, photos) =>
            {
                for (var i = 0; i < photos.Count; i++)
                    InputOf(photos[i], input.Slice(i * InputLength, InputLength));
            }, ["scores", "boxes"]);
        var anchors = (int)(outputs[0].GetTensorTypeAndShape().ElementCount / 2 / images.Count);
        var found = new List<IReadOnlyList<FaceBox>>(images.Count);
        for (var i = 0; i < images.Count; i++)
            found.Add(Faces(outputs[0].GetTensorDataAsSpan<float>().Slice(i * anchors * 2, anchors * 2),
                outputs[1].GetTensorDataAsSpan<float>().Slice(i * anchors * 4, anchors * 4), images[i]));
        return found;
    }

    List<FaceBox> Faces(ReadOnlySpan<float> scores, ReadOnlySpan<float> boxes, RgbaImage image)
    {
        var candidates = new List<FaceBox>();
        for (var i = 0; i < scores.Length / 2; i++)
        {
            var score = scores[i * 2 + 1];
            if (score <= settings.ScoreThreshold) continue;
            candidates.Add(new FaceBox(
                Math.Clamp(boxes[i * 4], 0, 1) * image.Width,
                Math.Clamp(boxes[i * 4 + 1], 0, 1) * image.Height,
                Math.Clamp(boxes[i * 4 + 2], 0, 1) * image.Width,
                Math.Clamp(boxes[i * 4 + 3], 0, 1) * image.Height,
                score));
        }
        return SuppressOverlaps(candidates, settings.NmsIou);
    }

    /// <summary>The model's input shape: one image, RGB planes, 240 rows of 320.</summary>
    public static readonly long[] InputShape = [1, 3, InputHeight, InputWidth];

    /// <summary>The model's input for an image: stretched to 320×240, (p − 127) / 128, RGB planes.</summary>
    public static float[] InputOf(RgbaImage image)
    {
        var input = new float[InputLength];
        InputOf(image, input);
        return input;
    }

    const int InputLength = 3 * InputWidth * InputHeight;

    /// <summary>
    /// The model's input for an image, written into <paramref name="input"/> (<see cref="InputLength"/> values). Within
    /// a 2× shrink, bilinear straight into the planes (<see cref="BilinearPlanes"/>); beyond it, where bilinear taps
    /// would skip pixels, each pixel the mean of the area it covers (<see cref="AreaScale"/>), then the planes. Either
    /// way p·(1/128) − 127/128: low −127/128 and a step of exactly 1/128.
    /// </summary>
    static void InputOf(RgbaImage image, Span<float> input)
    {
        var planes = input[..InputLength];
        if (Math.Min((double)image.Width / InputWidth, (double)image.Height / InputHeight) <= 2)
        {
            BilinearPlanes.Write(image, InputWidth, InputHeight, planes, -127f / 128, 1f);
            return;
        }
        var small = AreaScale.Of(image, InputWidth, InputHeight);
        PlanarPixels.Write(small, planes, -127f / 128, 1f);
    }

    static List<FaceBox> SuppressOverlaps(List<FaceBox> candidates, float iouLimit)
    {
        var kept = new List<FaceBox>();
        foreach (var box in candidates.OrderByDescending(b => b.Score))
            if (kept.All(k => k.IntersectionOverUnion(box) <= iouLimit))
                kept.Add(box);
        return kept;
    }

    public void Dispose() => session?.Dispose();
}
