using Microsoft.ML.OnnxRuntime;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Imaging;
using SkiaSharp;

namespace RenderFarm.Worker.Tests.Figure;

/// <summary>The guided filter as an ONNX graph (what a GPU node runs on its device) against its C#, on the CPU provider.</summary>
public class GuidedFilterGraphTests : IDisposable
{
    const int Width = 512, Height = 640, Side = 256;

    readonly InferenceSession graph = new(GuidedFilterGraph.Build());

    public void Dispose()
    {
        graph.Dispose();
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData("kodim18.png")]
    [InlineData("hopper.jpg")]
    [InlineData("camera.png")]
    public void The_graph_refines_a_mask_as_the_host_filter_does(string face)
    {
        var photo = Photo(face);
        var coarse = CoarseHeadAndShoulders();

        var host = GuidedFilter.Refine(coarse, Side, Side, photo);
        var device = Refine(coarse, photo);

        var (largest, mean) = (0f, 0.0);
        for (var i = 0; i < host.Length; i++)
        {
            var d = Math.Abs(host[i] - device[i]);
            (largest, mean) = (Math.Max(largest, d), mean + d / host.Length);
        }
        Assert.True(largest < 1e-4f && mean < 1e-6, $"graph vs C#: largest difference {largest:E2}, mean {mean:E2}");
        // A mask with a figure and a ground, not a trivial plane.
        Assert.InRange(host.Count(v => v > 0.95f), host.Length / 10, host.Length * 9 / 10);
        Assert.InRange(host.Count(v => v < 0.05f), host.Length / 10, host.Length * 9 / 10);
    }

    float[] Refine(float[] coarse, RgbaImage photo)
    {
        var refined = new float[Width * Height];
        using var coarseValue = OrtValue.CreateTensorValueFromMemory(coarse, [1, Side, Side, 1]);
        using var guide = OrtValue.CreateTensorValueFromMemory(photo.Pixels, [1, Height, Width, 4]);
        using var output = OrtValue.CreateTensorValueFromMemory(refined, [1, 1, Height, Width]);
        using var runOptions = new RunOptions();
        graph.Run(runOptions, [GuidedFilterGraph.CoarseInput, GuidedFilterGraph.GuideInput], [coarseValue, guide], [GuidedFilterGraph.Output], [output]);
        return refined;
    }

    /// <summary>A segmenter's kind of mask: an upright ellipse whose edge is a ramp ~4 cells (~8–10 canvas px) wide.</summary>
    static float[] CoarseHeadAndShoulders()
    {
        var mask = new float[Side * Side];
        for (var y = 0; y < Side; y++)
            for (var x = 0; x < Side; x++)
            {
                var (dx, dy) = ((x - 128f) / 90f, (y - 170f) / 150f);
                mask[y * Side + x] = Math.Clamp((1 - MathF.Sqrt(dx * dx + dy * dy)) * 25f + 0.5f, 0f, 1f);
            }
        return mask;
    }

    static RgbaImage Photo(string name)
    {
        using var source = SKBitmap.Decode(SharedData.Face(name));
        using var resized = source.Resize(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Unpremul), new SKSamplingOptions(SKFilterMode.Linear));
        return new RgbaImage(Width, Height, resized.Bytes);
    }
}
