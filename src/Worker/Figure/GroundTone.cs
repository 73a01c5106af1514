using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Figure;

/// <summary>
/// The colours of a ground: where the light falls (behind the head) and where it fades (the corners), sRGB. An
/// artwork lends its own: for a painting, the colour of its background at its edges, kept dark enough to set off a
/// face; for a drawing or print, the colour of its paper (its lightest tenth).
/// </summary>
public sealed record GroundTone((byte R, byte G, byte B) Lit, (byte R, byte G, byte B) Shadow, bool IsPaper)
{
    /// <summary>A Baroque studio wall: warm umber, lit behind the head.</summary>
    public static readonly GroundTone StudioWall = new((104, 86, 62), (30, 24, 18), false);

    /// <summary>Warm laid paper.</summary>
    public static readonly GroundTone Paper = new((242, 235, 220), (226, 216, 196), true);

    /// <summary>Lightness (L*) a painted ground keeps between: dark enough that a face is the light of the picture.</summary>
    public const float WallDarkest = 12, WallLightest = 42;

    public static GroundTone For(string medium) => IsPaperMedium(medium) ? Paper : StudioWall;

    public static bool IsPaperMedium(string medium) => medium is "ink" or "watercolor";

    /// <summary>The ground an artwork lends (see the type's summary).</summary>
    public static GroundTone Of(RgbaImage artwork, string medium)
    {
        var n = artwork.Width * artwork.Height;
        var (l, a, b) = CieLab.Of(artwork.Pixels, n);
        if (IsPaperMedium(medium))
        {
            var threshold = l.Order().ElementAt((int)(n * 0.9));
            var paper = Mean(Enumerable.Range(0, n).Where(i => l[i] >= threshold), l, a, b);
            return new GroundTone(ToRgb(paper), ToRgb(paper with { L = paper.L - 5 }), true);
        }
        var (w, h) = (artwork.Width, artwork.Height);
        var (bx, by) = (Math.Max(1, w / 10), Math.Max(1, h / 10));
        var border = Enumerable.Range(0, n).Where(i => i % w < bx || i % w >= w - bx || i / w < by || i / w >= h - by);
        var wall = Mean(border, l, a, b);
        var lit = wall with { L = Math.Clamp(wall.L, WallDarkest, WallLightest) + 8 };
        var shadow = wall with { L = Math.Clamp(wall.L, WallDarkest, WallLightest) * 0.45f, A = wall.A * 0.6f, B = wall.B * 0.6f };
        return new GroundTone(ToRgb(lit), ToRgb(shadow), false);
    }

    readonly record struct Lab(float L, float A, float B);

    static Lab Mean(IEnumerable<int> pixels, float[] l, float[] a, float[] b)
    {
        double sl = 0, sa = 0, sb = 0;
        var count = 0;
        foreach (var i in pixels)
        {
            sl += l[i]; sa += a[i]; sb += b[i];
            count++;
        }
        return count == 0 ? new Lab(50, 0, 0) : new Lab((float)(sl / count), (float)(sa / count), (float)(sb / count));
    }

    static (byte R, byte G, byte B) ToRgb(Lab colour)
    {
        var pixel = new byte[4];
        CieLab.Write(colour.L, colour.A, colour.B, pixel, 0);
        return (pixel[0], pixel[1], pixel[2]);
    }
}
