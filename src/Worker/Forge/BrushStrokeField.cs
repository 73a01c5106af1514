namespace RenderFarm.Worker.Forge;

/// <summary>
/// A seamless tile of overlapping brush strokes that all run one way, as a lookup field: for every pixel, the offset
/// (in whole pixels) to the centre of the topmost stroke covering it, and the paint's height there. A painter fetches
/// each pixel's colour from that centre, so every stroke is laid in one flat colour — a daub, not a blur — and shades
/// the paint by the height, so strokes stand out in relief.
/// <para>
/// Strokes are capsules (half-width w, half-length l, each varied by up to ±25%) with centres on a jittered lattice
/// of pitch ≈ 2·w, stacked in a hashed order, so three to five overlap a pixel (about 1% of a tile stays bare), most
/// show a good part of their length, and the visible pieces have the broken edges of real paint. Each one's direction
/// is turned by up to about ±12°. Height: a rounded ridge across the stroke, more paint where the brush touched down
/// than where it lifted, and bristle grooves along it. Only IntegerHash, + − × ÷, Floor, Round and Sqrt (all correctly
/// rounded) go in, so the tile is the same on every machine.
/// </para>
/// </summary>
public static class BrushStrokeField
{
    public const int Channels = 4;   // offset x, offset y, height, the stroke's own random number

    // Lattice pitch in stroke half-widths: wide enough that most strokes show a good part of their length (at 1.2 the
    // canvas was a mosaic of small fragments), close enough that hardly any canvas is left bare.
    const float Pitch = 2f;

    /// <returns>[4, size, size] int8, row-major: offset x, offset y (pixels), height (0 between strokes, up to 127), and a
    /// number in 0..127 drawn once per stroke (to vary its paint).</returns>
    public static sbyte[] Tile(int size, (int X, int Y) direction, float halfWidth, float halfLength, uint seed)
    {
        var cells = Math.Max(1, (int)MathF.Round(size / (Pitch * halfWidth)));
        var pitch = (float)size / cells;
        var count = cells * cells;
        // The stacking order: a hashed key per stroke, its index appended to make every key distinct.
        var order = new ulong[count];
        for (var s = 0; s < count; s++)
            order[s] = ((ulong)IntegerHash.Hash(s, 7, seed) << 32) | (uint)s;
        Array.Sort(order);

        var field = new sbyte[Channels * size * size];
        var plane = size * size;
        var (bx, by) = StrokeOrientation.Unit(direction);
        foreach (var key in order)
        {
            var s = (int)(key & 0xffffffffu);
            var (i, j) = (s % cells, s / cells);
            // Whole-pixel centres: every pixel of a stroke then fetches the very same point.
            var cx = (int)MathF.Floor((i + IntegerHash.Unit(s, 0, seed)) * pitch);
            var cy = (int)MathF.Floor((j + IntegerHash.Unit(s, 1, seed)) * pitch);
            var turn = 0.42f * (IntegerHash.Unit(s, 2, seed) - 0.5f);            // tan of up to ±12°
            var (ux, uy) = Normalise(bx - turn * by, by + turn * bx);
            var l = halfLength * (0.75f + 0.5f * IntegerHash.Unit(s, 3, seed));
            var w = halfWidth * (0.75f + 0.5f * IntegerHash.Unit(s, 4, seed));
            var amplitude = 0.6f + 0.4f * IntegerHash.Unit(s, 5, seed);
            var bristles = MathF.Max(1f, w * 1.4f);
            var reach = (int)MathF.Ceiling(l + w) + 1;
            for (var y = cy - reach; y <= cy + reach; y++)
                for (var x = cx - reach; x <= cx + reach; x++)
                {
                    var (px, py) = ((float)(x - cx), (float)(y - cy));
                    var along = px * ux + py * uy;
                    var across = py * ux - px * uy;
                    var beyond = MathF.Max(0f, MathF.Abs(along) - l);                 // past the end of the spine
                    var distance2 = beyond * beyond + across * across;
                    if (distance2 > w * w) continue;
                    var ridge = 1f - distance2 / (w * w);
                    var load = 1f - 0.35f * (along + l) / (2f * l);                     // heavier where the brush landed
                    var groove = (int)MathF.Floor((across / w + 1f) * bristles);
                    var bristle = 0.7f + 0.3f * IntegerHash.Unit(groove, s, seed ^ 0x5bd1e995u);
                    var index = Wrap(y, size) * size + Wrap(x, size);
                    field[index] = checked((sbyte)(cx - x));
                    field[plane + index] = checked((sbyte)(cy - y));
                    field[2 * plane + index] = Byte(amplitude * MathF.Sqrt(ridge) * load * bristle);
                    field[3 * plane + index] = Byte(IntegerHash.Unit(s, 6, seed));
                }
        }
        return field;
    }

    /// <summary>0..1 as 0..127, the int8 the tile is stored in.</summary>
    static sbyte Byte(float unit) => (sbyte)MathF.Round(127f * unit);

    static (float X, float Y) Normalise(float x, float y)
    {
        var length = MathF.Sqrt(x * x + y * y);
        return (x / length, y / length);
    }

    static int Wrap(int value, int period) => ((value % period) + period) % period;
}
