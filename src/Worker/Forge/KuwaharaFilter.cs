namespace RenderFarm.Worker.Forge;

/// <summary>
/// Generalized Kuwahara filter after Papari, Petkov &amp; Campisi (2007), "Artistic edge and corner enhancing
/// smoothing", IEEE Trans. Image Processing 16(10), which smooths the classic filter of Kuwahara et al. (1976),
/// "Processing of RI-angiocardiographic images". Each pixel becomes the mean of its sectors' Gaussian-weighted means,
/// each sector weighted by 1 / (1 + (255·σ²)^(q/2)), σ² its colour variance (the weighting Kyprianidis, Kang &amp;
/// Döllner 2009, "Image and video abstraction by anisotropic Kuwahara filtering", use): flat sectors win, so edges and
/// corners stay sharp while regions flatten into patches of paint.
/// <para>
/// Graph shape: a sector here is the product of a horizontal and a vertical one-sided Gaussian (left/right/centre ×
/// top/bottom/centre), so every sector's weighted mean comes out of two grouped 1-D convolutions with reflected
/// borders — once over the colours, once over their squares (for the variance). The Gaussian falloff from the pixel
/// (Papari's G_σ) keeps the square blocks of box-shaped sectors out of the result. Four sectors: the quadrants.
/// Eight: the quadrants plus the sectors centred above, below, left and right (the centre×centre product is masked
/// out). Only Pad, Conv, Reshape and elementwise/reduce ops: every execution provider runs it.
/// </para>
/// </summary>
public static class KuwaharaFilter
{
    const int Colours = 3;

    /// <param name="rgb">[N,3,H,W] in 0..1.</param>
    /// <param name="radius">Sector reach in pixels; the Gaussian has σ = radius / 2.</param>
    /// <param name="sectors">4 (quadrants) or 8 (quadrants plus edge-centred sectors).</param>
    /// <param name="sharpness">Papari's q: larger picks the flattest sector more decisively; 8 is the paper's choice.</param>
    public static GraphValue Kuwahara(this GraphValue rgb, int radius, int sectors = 8, int sharpness = 8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(radius, 2);
        if (sectors is not (4 or 8)) throw new ArgumentOutOfRangeException(nameof(sectors));
        if (sharpness % 2 != 0) throw new ArgumentOutOfRangeException(nameof(sharpness), "q must be even: the weight uses (σ²)^(q/2)");

        var graph = rgb.Graph;
        var halves = HalfKernels(radius, centred: sectors == 8);   // per side: left, right[, centre]
        var perSide = halves.Count;
        var taps = 2 * radius + 1;
        var horizontal = graph.Constant($"kuwahara_r{radius}_x", [Colours * perSide, 1, 1, taps],
            [.. Enumerable.Range(0, Colours).SelectMany(_ => halves.SelectMany(k => k))]);
        var vertical = graph.Constant($"kuwahara_r{radius}_y", [Colours * perSide * perSide, 1, taps, 1],
            [.. Enumerable.Range(0, Colours * perSide).SelectMany(_ => halves.SelectMany(k => k))]);
        // [N, colour, sector, H, W]
        var sectorCount = perSide * perSide;
        var layout = GraphValue.Concat(0, [rgb.Shape(0, 1), graph.Int64s(Colours, sectorCount), rgb.Shape(2, 4)]);
        GraphValue SectorMeans(GraphValue image) => image.PadSpatial(radius, "reflect")
            .Conv(horizontal, group: Colours)
            .Conv(vertical, group: Colours * perSide)
            .Reshape(layout);

        var means = SectorMeans(rgb);
        var meansOfSquares = SectorMeans(rgb * rgb);
        var variance = (meansOfSquares - means * means).ReduceSum(1, keepDims: true).Relu();   // [N,1,S,H,W]
        var weight = (1f + (variance * 255f).PowInt(sharpness / 2)).Reciprocal();
        if (sectors == 8)
            weight *= graph.Constant("kuwahara_sector_mask", [sectorCount, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1, 0]);
        return (weight * means).ReduceSum(2, keepDims: false) / weight.ReduceSum(2, keepDims: false);
    }

    /// <summary>
    /// 1-D kernels over offsets −r..r: the Gaussian (σ = r/2) on the left half, on the right half, and (for eight
    /// sectors) on the middle half −r/2..r/2; each normalised to sum 1 so the convolutions give weighted means.
    /// </summary>
    static IReadOnlyList<float[]> HalfKernels(int radius, bool centred)
    {
        var gaussian = GaussianKernel.Weights(radius / 2.0, radius);
        float[] Masked(Func<int, bool> keep)
        {
            var sum = 0.0;
            for (var i = -radius; i <= radius; i++)
                if (keep(i)) sum += gaussian[i + radius];
            return [.. Enumerable.Range(-radius, 2 * radius + 1).Select(i => keep(i) ? (float)(gaussian[i + radius] / sum) : 0f)];
        }
        var left = Masked(i => i <= 0);
        var right = Masked(i => i >= 0);
        return centred ? [left, right, Masked(i => 2 * Math.Abs(i) <= radius)] : [left, right];
    }
}
