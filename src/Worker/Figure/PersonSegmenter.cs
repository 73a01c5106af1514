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

    public PersonSegmenter(IOptions<FigureOptions> options, IOptions<PainterOptions> painters, SessionFactory sessions, IPartRunner parts,
        ILogger<PersonSegmenter> logger)
    {
        this.parts = parts;
        session = StageModel.TryOpen(options.Value.File, options.Value.Sha256, painters.Value.ModelDirectories, sessions, logger,
            "Person segmenter", "portraits are painted full frame");
    }

    public bool IsAvailable => session is not null;

    /// <summary>The person mask at the image's size, or null without a segmenter.</summary>
    public PersonMask? Segment(RgbaImage image)
    {
        if (session is null) return null;
        var small = ImageOps.CropAndScale(image, SKRectI.Create(0, 0, image.Width, image.Height), Side, Side);
        var input = new float[Side * Side * 3];
        for (var i = 0; i < Side * Side; i++)
        {
            input[i * 3] = small.Pixels[i * 4] / 255f;
            input[i * 3 + 1] = small.Pixels[i * 4 + 1] / 255f;
            input[i * 3 + 2] = small.Pixels[i * 4 + 2] / 255f;
        }
        using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [1, Side, Side, 3]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["input"], [inputValue], ["mask"]);
        var mask = outputs[0].GetTensorDataAsSpan<float>();
        return new PersonMask(image.Width, image.Height, GuidedFilter.Refine(mask, Side, Side, image, parts));
    }

    public void Dispose() => session?.Dispose();
}
