namespace RenderFarm.Worker.Forge;

/// <summary>
/// Small square textures that repeat seamlessly (every lookup wraps), made from <see cref="IntegerHash"/> with fixed
/// seeds and plain float arithmetic only, so they are identical on every machine. Row-major, size × size.
/// </summary>
public static class TextureTiles
{
    /// <summary>Smooth value noise with <paramref name="cells"/> lattice cells across the tile, in [0, 1].</summary>
    public static float[] ValueNoise(int size, int cells, uint seed)
    {
        if (size % cells != 0) throw new ArgumentException("The lattice must divide the tile for it to repeat.");
        var cell = (float)size / cells;
        var tile = new float[size * size];
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
            {
                var (i, tx) = Split((x + 0.5f) / cell - 0.5f);
                var (j, ty) = Split((y + 0.5f) / cell - 0.5f);
                float At(int a, int b) => IntegerHash.Unit(Wrap(a, cells), Wrap(b, cells), seed);
                var top = Lerp(At(i, j), At(i + 1, j), Smooth(tx));
                var bottom = Lerp(At(i, j + 1), At(i + 1, j + 1), Smooth(tx));
                tile[y * size + x] = Lerp(top, bottom, Smooth(ty));
            }
        return tile;
    }

    /// <summary>Octaves of value noise (weights per lattice size), stretched to exactly [0, 1].</summary>
    public static float[] Fractal(int size, uint seed, params (int Cells, float Weight)[] octaves)
    {
        var sum = new float[size * size];
        for (var o = 0; o < octaves.Length; o++)
        {
            var octave = ValueNoise(size, octaves[o].Cells, seed + (uint)o * 7919u);
            for (var i = 0; i < sum.Length; i++)
                sum[i] += octaves[o].Weight * octave[i];
        }
        return Stretch(sum, 0f, 1f);
    }

    /// <summary>
    /// The relief of overlapping short brush strokes, lit from the upper left, in [−1, 1]: each stroke is a tapered
    /// ridge with bristle grooves along its length, laid in one of eight directions; the shading is the height's
    /// difference along the light direction.
    /// </summary>
    public static float[] BrushStrokeRelief(int size, int strokes, uint seed)
    {
        ReadOnlySpan<(int X, int Y)> directions = [(1, 0), (2, 1), (1, 1), (1, 2), (0, 1), (-1, 2), (-1, 1), (-2, 1)];
        var height = new float[size * size];
        for (var s = 0; s < strokes; s++)
        {
            var cx = IntegerHash.Unit(s, 0, seed) * size;
            var cy = IntegerHash.Unit(s, 1, seed) * size;
            var (dx, dy) = directions[(int)(IntegerHash.Hash(s, 2, seed) % (uint)directions.Length)];
            var length = MathF.Sqrt(dx * dx + dy * dy);
            var (ux, uy) = (dx / length, dy / length);
            var halfLength = 5f + 9f * IntegerHash.Unit(s, 3, seed);
            var halfWidth = 1.5f + 2f * IntegerHash.Unit(s, 4, seed);
            var amplitude = 0.5f + 0.5f * IntegerHash.Unit(s, 5, seed);
            var reach = (int)MathF.Ceiling(halfLength + halfWidth) + 1;
            for (var y = (int)cy - reach; y <= (int)cy + reach; y++)
                for (var x = (int)cx - reach; x <= (int)cx + reach; x++)
                {
                    var (px, py) = (x + 0.5f - cx, y + 0.5f - cy);
                    var along = px * ux + py * uy;
                    var across = py * ux - px * uy;
                    if (MathF.Abs(along) > halfLength || MathF.Abs(across) > halfWidth) continue;
                    var ridge = 1f - across / halfWidth * (across / halfWidth);
                    var taper = MathF.Min(1f, (halfLength - MathF.Abs(along)) / 3f);
                    var bristle = 0.65f + 0.35f * IntegerHash.Unit((int)MathF.Floor((across + halfWidth) * 1.7f), s, seed ^ 0x9e3779b9u);
                    var index = Wrap(y, size) * size + Wrap(x, size);
                    height[index] = MathF.Max(height[index], amplitude * ridge * taper * bristle);
                }
        }
        var relief = new float[size * size];
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
                relief[y * size + x] = height[y * size + x] - height[Wrap(y - 1, size) * size + Wrap(x - 1, size)];
        return Stretch(relief, -1f, 1f);
    }

    /// <summary>A plain canvas weave: alternating over/under threads every <paramref name="thread"/> pixels, in [−1, 1].</summary>
    public static float[] CanvasWeave(int size, int thread)
    {
        if (size % (2 * thread) != 0) throw new ArgumentException("The weave must divide the tile for it to repeat.");
        var tile = new float[size * size];
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
            {
                var horizontalOnTop = (x / thread + y / thread) % 2 == 0;
                var t = horizontalOnTop ? y % thread : x % thread;
                // A thread is rounded: bright along its middle, dark at its edges.
                var profile = 1f - MathF.Abs(2f * (t + 0.5f) / thread - 1f);
                tile[y * size + x] = 2f * profile - 1f;
            }
        return tile;
    }

    /// <summary>Rescales values linearly so their minimum and maximum become <paramref name="low"/> and <paramref name="high"/>.</summary>
    public static float[] Stretch(float[] values, float low, float high)
    {
        var (min, max) = (values.Min(), values.Max());
        var scale = max > min ? (high - low) / (max - min) : 0f;
        return [.. values.Select(v => low + (v - min) * scale)];
    }

    static (int Whole, float Fraction) Split(float value)
    {
        var whole = (int)MathF.Floor(value);
        return (whole, value - whole);
    }

    static float Smooth(float t) => t * t * (3f - 2f * t);

    static float Lerp(float a, float b, float t) => a + (b - a) * t;

    static int Wrap(int value, int period) => ((value % period) + period) % period;
}
