using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Figure;

/// <summary>
/// Paints the ground a sitter is placed on before painting, from its <see cref="GroundTone"/>: for oil, the dark
/// studio wall of Renaissance and Baroque portraits, lit a little behind the head and falling into shadow toward
/// the corners; for ink and watercolor, the bare paper of a drawing. It carries a faint low-frequency mottle, so the
/// painter has a surface to lay its brushwork or hatching on. It is fixed (no randomness): a photo always gets the
/// same ground.
/// </summary>
public static class StudioGround
{
    /// <summary>Where the light pool is centred, as fractions of the canvas: a little above where the framer puts faces.</summary>
    public const float LightX = 0.5f, LightY = 0.33f;

    /// <summary>How far the mottle moves the ground's colour (±): faint, a surface for the brush, not a pattern.</summary>
    public const float MottleDepth = 0.06f;

    public static RgbaImage Paint(GroundTone tone, int width, int height)
    {
        var (lit, shadow) = (tone.Lit, tone.Shadow);
        var (cx, cy) = (width * LightX, height * LightY);
        var reach = 0.75f * MathF.Sqrt(width * width + height * height);
        var ground = RgbaImage.Allocate(width, height);
        var pixels = ground.Pixels;
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var d = MathF.Min(1f, MathF.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy)) / reach);
                var t = d * d * (3 - 2 * d); // smoothstep: a broad pool of light, a soft fall-off
                var mottle = 1f + MottleDepth * Mottle(x, y);
                var i = (y * width + x) * 4;
                pixels[i] = ToByte((lit.R + (shadow.R - lit.R) * t) * mottle);
                pixels[i + 1] = ToByte((lit.G + (shadow.G - lit.G) * t) * mottle);
                pixels[i + 2] = ToByte((lit.B + (shadow.B - lit.B) * t) * mottle);
                pixels[i + 3] = 255;
            }
        return ground;
    }

    /// <summary>Two octaves of smooth value noise in −1..1 (cells of 96 and 32 px), from a fixed integer hash.</summary>
    static float Mottle(int x, int y) => 0.65f * ValueNoise(x / 96f, y / 96f) + 0.35f * ValueNoise(x / 32f + 17.3f, y / 32f + 5.1f);

    static float ValueNoise(float x, float y)
    {
        var (x0, y0) = ((int)MathF.Floor(x), (int)MathF.Floor(y));
        var (tx, ty) = (x - x0, y - y0);
        (tx, ty) = (tx * tx * (3 - 2 * tx), ty * ty * (3 - 2 * ty));
        var top = Lattice(x0, y0) + (Lattice(x0 + 1, y0) - Lattice(x0, y0)) * tx;
        var bottom = Lattice(x0, y0 + 1) + (Lattice(x0 + 1, y0 + 1) - Lattice(x0, y0 + 1)) * tx;
        return top + (bottom - top) * ty;
    }

    static float Lattice(int x, int y)
    {
        var h = (uint)(x * 374761393 + y * 668265263);
        h = (h ^ (h >> 13)) * 1274126177;
        h ^= h >> 16;
        return h / (float)uint.MaxValue * 2f - 1f;
    }

    static byte ToByte(float v) => (byte)Math.Clamp(MathF.Round(v), 0f, 255f);
}
