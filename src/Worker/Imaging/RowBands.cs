namespace RenderFarm.Worker.Imaging;

/// <summary>
/// The rows of an image cut into <see cref="Count"/> bands, the parts a per-pixel pass gives an <see cref="IPartRunner"/>:
/// enough for the stage threads of a large node to share, each still a long stretch of work.
/// </summary>
public static class RowBands
{
    public const int Count = 16;

    /// <summary>Rows [First, End) of band <paramref name="band"/> of an image <paramref name="height"/> rows high (empty past the last row).</summary>
    public static (int First, int End) Of(int band, int height)
    {
        var rows = (height + Count - 1) / Count;
        var first = Math.Min(height, band * rows);
        return (first, Math.Min(height, first + rows));
    }
}
