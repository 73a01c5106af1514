using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Scheduling;

namespace RenderFarm.Worker.Tests.Figure;

public class GuidedFilterTests
{
    const int Width = 160, Height = 120, Edge = 80;
    const int CoarseWidth = Width / 4, CoarseHeight = Height / 4;

    /// <summary>A photo dark left of <see cref="Edge"/> and light from it on, in every row.</summary>
    static RgbaImage SteppedPhoto()
    {
        var photo = RgbaImage.Allocate(Width, Height);
        for (var i = 0; i < Width * Height; i++)
        {
            var value = (byte)(i % Width < Edge ? 40 : 220);
            (photo.Pixels[i * 4], photo.Pixels[i * 4 + 1], photo.Pixels[i * 4 + 2], photo.Pixels[i * 4 + 3]) = (value, value, value, 255);
        }
        return photo;
    }

    /// <summary>A segmenter's soft edge: a ramp 16 px wide across the photo's edge, at a quarter of the photo's size.</summary>
    static float[] CoarseRamp() =>
        [.. Enumerable.Range(0, CoarseWidth * CoarseHeight).Select(i => Math.Clamp(((i % CoarseWidth + 0.5f) * 4 - (Edge - 8)) / 16f, 0f, 1f))];

    [Fact]
    public void A_soft_mask_edge_snaps_to_the_edge_in_the_photo()
    {
        var refined = GuidedFilter.Refine(CoarseRamp(), CoarseWidth, CoarseHeight, SteppedPhoto());

        Assert.Equal(Width * Height, refined.Length);
        var row = refined.AsSpan(Height / 2 * Width, Width);
        // The coarse ramp rises ~0.06 per pixel at the edge; the refined mask jumps there, and not a pixel before.
        Assert.True(row[Edge] - row[Edge - 1] > 0.4f, $"step at the edge {row[Edge - 1]:0.00} -> {row[Edge]:0.00}");
        Assert.True(row[Edge - 1] - row[Edge - 8] < 0.25f, $"dark side {row[Edge - 8]:0.00} .. {row[Edge - 1]:0.00}");
        Assert.True(row[Edge + 8] - row[Edge] < 0.25f, $"light side {row[Edge]:0.00} .. {row[Edge + 8]:0.00}");
        // Far from the edge the mask keeps what the segmenter said.
        Assert.Equal(0f, row[10], 2);
        Assert.Equal(1f, row[Width - 10], 2);
        Assert.All(refined, v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void Where_the_photo_is_flat_the_mask_is_only_smoothed()
    {
        var flat = RgbaImage.Allocate(Width, Height);
        Array.Fill(flat.Pixels, (byte)128);
        var coarse = CoarseRamp();

        var refined = GuidedFilter.Refine(coarse, CoarseWidth, CoarseHeight, flat);

        var row = refined.AsSpan(Height / 2 * Width, Width);
        // No edge to follow: the ramp stays a ramp, rising steadily through the middle.
        for (var x = Edge - 6; x <= Edge + 6; x++)
            Assert.InRange(row[x] - row[x - 1], 0.01f, 0.12f);
        Assert.Equal(0.5f, (row[Edge - 1] + row[Edge]) / 2, 1);
    }

    [Fact]
    public async Task Sharing_the_filter_among_stage_threads_gives_the_same_mask_as_one_thread()
    {
        // A photo with an edge in both directions, so every band and both box-mean passes matter.
        var photo = SteppedPhoto();
        for (var y = Height / 3; y < Height; y++)
            for (var x = 0; x < Width; x++)
                photo.Pixels[(y * Width + x) * 4 + 1] = (byte)(x * 255 / Width);
        using var stageThreads = new StageThreads(Options.Create(new StageThreadOptions { StageThreads = 4, StageNice = 0 }), NullLogger<StageThreads>.Instance);

        var alone = GuidedFilter.Refine(CoarseRamp(), CoarseWidth, CoarseHeight, photo);
        var shared = await stageThreads.RunAsync(() => GuidedFilter.Refine(CoarseRamp(), CoarseWidth, CoarseHeight, photo, stageThreads));

        Assert.Equal(alone, shared);
    }

    [Fact]
    public void A_guide_made_beforehand_refines_any_mask_as_the_photo_itself_does()
    {
        var photo = SteppedPhoto();
        var other = CoarseRamp().Select(v => 1 - v).ToArray();
        using var guide = FilterGuide.Of(photo);

        // One guide, two masks: the guide is not changed by refining with it.
        Assert.Equal(GuidedFilter.Refine(CoarseRamp(), CoarseWidth, CoarseHeight, photo), GuidedFilter.Refine(CoarseRamp(), CoarseWidth, CoarseHeight, guide));
        Assert.Equal(GuidedFilter.Refine(other, CoarseWidth, CoarseHeight, photo), GuidedFilter.Refine(other, CoarseWidth, CoarseHeight, guide));
    }
}
