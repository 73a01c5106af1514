using Microsoft.ML.OnnxRuntime;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Tone;
using SkiaSharp;

namespace RenderFarm.Worker.Tests.Tone;

/// <summary>
/// The tone step as an ONNX graph (what a GPU node runs on its device) against the C# tone step, on ONNX Runtime's CPU
/// provider: real photos, a painting darker and colder than the photo with hatching in it, cuts and faces of every kind.
/// </summary>
public class ToneOnDeviceTests : IDisposable
{
    const int Width = 256, Height = 320;

    readonly ToneOnDevice graph = new(new InferenceSession(ToneGraph.Build()), "cpu");

    public void Dispose()
    {
        graph.Dispose();
        GC.SuppressFinalize(this);
    }

    public static TheoryData<string, string, bool, bool> Cases => new()
    {
        { "kodim18.png", "oil", true, true },        // dark skin, cut out, face detail
        { "astronaut.png", "oil", true, true },      // light skin
        { "hopper.jpg", "watercolor", true, false }, // no cut: the broad light is a plain blur, the rim all texture
        { "kodim04.png", "ink", false, true },       // no face: no skin colour, no face detail
        { "camera.png", "oil", false, false },       // neither
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_graph_paints_what_the_host_tone_step_paints(string photoName, string medium, bool withFace, bool withCut)
    {
        var photo = Photo(photoName);
        var painting = DarkColdHatched(photo);
        var (face, figure) = (withFace ? Face : null, withCut ? Figure() : null);

        var host = ToneKeeper.Keep(painting, photo, MediumTone.For(medium), face, figure);
        var device = graph.Keep(painting, photo, MediumTone.For(medium), face, figure);

        var (largest, mean, differing) = Difference(host, device);
        Assert.True(largest <= 1 && differing < 0.001,
            $"graph vs C#: largest difference {largest} levels, mean {mean:F4}, {differing:P2} of the values differ");
        Assert.True(Difference(painting, device).Mean > 5, "the step should have changed the painting");
    }

    [Fact]
    public void A_face_at_the_canvas_edge_and_a_small_face_are_kept_as_the_host_keeps_them()
    {
        var photo = Photo("kodim18.png");
        var painting = DarkColdHatched(photo);
        foreach (var face in new[] { new FaceBox(-30, -20, 60, 90, 1f), new FaceBox(200, 250, 250, 310, 1f), new FaceBox(100, 100, 130, 140, 1f) })
        {
            var host = ToneKeeper.Keep(painting, photo, MediumTone.Oil, face, Figure());
            var device = graph.Keep(painting, photo, MediumTone.Oil, face, Figure());
            var (largest, mean, _) = Difference(host, device);
            Assert.True(largest <= 1 && mean < 0.001, $"face {face}: largest difference {largest}, mean {mean:F4}");
        }
    }

    [Fact]
    public void A_batch_keeps_each_painting_exactly_as_it_would_alone()
    {
        var jobs = new[]
        {
            new ToneJob(DarkColdHatched(Photo("kodim18.png")), Photo("kodim18.png"), MediumTone.Oil, Face, Figure()),
            new ToneJob(DarkColdHatched(Photo("astronaut.png")), Photo("astronaut.png"), MediumTone.Ink, null, null),
            new ToneJob(DarkColdHatched(Photo("hopper.jpg")), Photo("hopper.jpg"), MediumTone.Watercolor, new FaceBox(90, 60, 170, 160, 1f), Figure()),
        };

        var batch = graph.Keep(jobs);

        for (var n = 0; n < jobs.Length; n++)
        {
            var alone = graph.Keep(jobs[n].Painting, jobs[n].Photo, jobs[n].Tone, jobs[n].Face, jobs[n].Figure);
            Assert.Equal(alone.Pixels, batch[n].Pixels);
        }
    }

    [Fact]
    public void A_canvas_whose_sides_are_not_whole_blocks_is_refused_with_the_reason()
    {
        var photo = RgbaImage.Allocate(258, 320);
        Assert.False(ToneOnDevice.Fits(258, 320));
        var refused = Assert.Throws<ArgumentException>(() => graph.Keep(photo, photo, MediumTone.Oil));
        Assert.Contains("multiple of 4", refused.Message);
    }

    static readonly FaceBox Face = new(78, 60, 178, 190, 1f);

    /// <summary>A soft-edged cut: an upright ellipse (head and shoulders) whose edge ramps over ~12 px, as the segmenter's does.</summary>
    static PersonMask Figure()
    {
        var alpha = new float[Width * Height];
        for (var y = 0; y < Height; y++)
            for (var x = 0; x < Width; x++)
            {
                var (dx, dy) = ((x - 128f) / 100f, (y - 230f) / 220f);
                alpha[y * Width + x] = Math.Clamp((1 - MathF.Sqrt(dx * dx + dy * dy)) * 8f + 0.5f, 0f, 1f);
            }
        return new PersonMask(Width, Height, alpha);
    }

    static RgbaImage Photo(string name)
    {
        using var source = SKBitmap.Decode(SharedData.Face(name));
        using var resized = source.Resize(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Unpremul), new SKSamplingOptions(SKFilterMode.Linear));
        return new RgbaImage(Width, Height, resized.Bytes);
    }

    /// <summary>What style transfer does: the artwork's dark, cold palette plus fine hatching.</summary>
    static RgbaImage DarkColdHatched(RgbaImage photo)
    {
        var painting = RgbaImage.Allocate(photo.Width, photo.Height);
        for (var i = 0; i < photo.Width * photo.Height; i++)
        {
            var stroke = (i % photo.Width + i / photo.Width) % 6 < 3 ? 12 : -12;
            painting.Pixels[i * 4] = Byte(photo.Pixels[i * 4] * 0.35 + stroke);
            painting.Pixels[i * 4 + 1] = Byte(photo.Pixels[i * 4 + 1] * 0.4 + stroke);
            painting.Pixels[i * 4 + 2] = Byte(photo.Pixels[i * 4 + 2] * 0.6 + 30 + stroke);
            painting.Pixels[i * 4 + 3] = 255;
        }
        return painting;
    }

    static byte Byte(double v) => (byte)Math.Clamp(Math.Round(v), 0, 255);

    /// <summary>Over R, G and B: the largest difference, the mean difference and the share of values that differ at all.</summary>
    static (int Largest, double Mean, double Differing) Difference(RgbaImage a, RgbaImage b)
    {
        var (largest, sum, differing, count) = (0, 0L, 0, 0);
        for (var i = 0; i < a.Pixels.Length; i++)
        {
            if (i % 4 == 3) continue;
            var d = Math.Abs(a.Pixels[i] - b.Pixels[i]);
            (largest, sum, differing, count) = (Math.Max(largest, d), sum + d, differing + (d > 0 ? 1 : 0), count + 1);
        }
        return (largest, (double)sum / count, (double)differing / count);
    }
}
