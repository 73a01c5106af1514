using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Forge;
using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Tone;

/// <summary>
/// The tone step (<see cref="ToneKeeper"/> with <see cref="BroadLight"/>, <see cref="RimBand"/> and
/// <see cref="CieLab"/>) as one ONNX graph over a batch, so that on a GPU node it runs on the painter's device and
/// leaves the node's cores to the jobs' other stages: the same arithmetic, the same constants and tables, node for node.
/// Inputs: the painting and the photo as the worker holds them (uint8 [N,H,W,4], RGBA), the segmenter's person
/// probability (float [N,1,H,W]; all 1 where there is no cut) and per image the <see cref="ToneSitting"/> values
/// (float [N,<see cref="ToneSitting.Count"/>]). Output: the kept painting, uint8 [N,H,W,4], opaque. H and W must be
/// multiples of <see cref="LowPass.Factor"/> (the graph's block means have no partial blocks).
/// Where the C# differs in form it is equal in value: the rim band's Chebyshev distance is the number of one-pixel
/// dilations of the figure that do not yet reach a pixel (instead of a chamfer transform), the face's ellipse and
/// the skin's sampling box are masks from pixel coordinates (instead of loops over a box), and the cube root is a Pow.
/// </summary>
public static class ToneGraph
{
    public const string PaintingInput = "painting", PhotoInput = "photo", FigureInput = "figure", SittingInput = "sitting", Output = "toned";

    public static byte[] Build(float sigma = ToneKeeper.Sigma)
    {
        var graph = new GraphBuilder("tone-keeper");
        var painting = graph.Input(new OnnxValueInfo(PaintingInput, OnnxDataType.Uint8, ["N", "H", "W", "4"]));
        var photo = graph.Input(new OnnxValueInfo(PhotoInput, OnnxDataType.Uint8, ["N", "H", "W", "4"]));
        var figure = graph.Input(new OnnxValueInfo(FigureInput, OnnxDataType.Float, ["N", "1", "H", "W"]));
        var sitting = graph.Input(new OnnxValueInfo(SittingInput, OnnxDataType.Float, ["N", $"{ToneSitting.Count}"]))
            .Reshape(0, ToneSitting.Count, 1, 1);
        GraphValue Value(int index) => sitting.Channels(index, index + 1);

        // Both images in CIELAB, six planes: painting L a b, photo L a b; and their broad light, each side of the cut apart.
        var lab = GraphValue.Concat(1, [Lab(painting), Lab(photo)]);
        var alpha = Smoothstep(((figure - Cutout.GroundBelow) * (1f / (Cutout.PersonAbove - Cutout.GroundBelow))).Clip(0f, 1f));
        var broad = BroadLight(lab, alpha, sigma);

        var (x, y) = PixelCoordinates(figure);
        var keep = ColourKeep(broad.Channels(4, 6), x, y, Value);
        var detail = FaceDetail(x, y, Value);
        var rim = RimTexture(figure);

        // ToneKeeper.Combine: broad light from the photo, broad colour between painting and photo, fine texture from the painting.
        var (paintL, paintAb) = (broad.Channels(0, 1), broad.Channels(1, 3));
        var (photoL, photoAb) = (broad.Channels(3, 4), broad.Channels(4, 6));
        var texture = lab.Channels(0, 1) - paintL;
        texture += (lab.Channels(3, 4) - photoL - texture) * detail;
        var lightness = (photoL + texture * rim).Clip(0f, 100f);
        var colour = paintAb + (photoAb - paintAb) * keep + (lab.Channels(1, 3) - paintAb) * rim;
        var toned = Rgba(GraphValue.Concat(1, [lightness, colour]), figure);

        var model = graph.Build(toned, new OnnxValueInfo(Output, OnnxDataType.Uint8, ["N", "H", "W", "4"]),
            "The tone step: the photo's broad light and skin colour under the painting's brushwork (see ToneKeeper).", []);
        return model.ToBytes();
    }

    /// <summary>uint8 RGBA [N,H,W,4] → L*, a*, b* planes [N,3,H,W] (CieLab.Of: the sRGB table, the D65 matrix, f, the Lab mix).</summary>
    static GraphValue Lab(GraphValue rgba)
    {
        var graph = rgba.Graph;
        var indices = rgba.RgbPlanes().Cast(OnnxDataType.Int64);
        var linear = graph.Constant("srgb_to_linear", [256], CieLab.ToLinear).Lookup(indices);
        var xyz = linear.Conv(graph.Constant("rgb_to_xyz", [3, 3, 1, 1],
        [
            0.4124f / CieLab.Xn, 0.3576f / CieLab.Xn, 0.1805f / CieLab.Xn,
            0.2126f, 0.7152f, 0.0722f,
            0.0193f / CieLab.Zn, 0.1192f / CieLab.Zn, 0.9505f / CieLab.Zn,
        ]));
        var f = xyz.Greater(CieLab.Epsilon).Where(xyz.Pow(1f / 3), (xyz * CieLab.Kappa + 16f) * (1f / 116f));
        return f.Conv(graph.Constant("f_to_lab", [3, 3, 1, 1],
        [
            0f, 116f, 0f,
            500f, -500f, 0f,
            0f, 200f, -200f,
        ])) + graph.Constant("lab_offset", [1, 3, 1, 1], [-16f, 0f, 0f]);
    }

    /// <summary>L*, a*, b* [N,3,H,W] → uint8 RGBA [N,H,W,4] (CieLab.Write: f⁻¹, the inverse matrix, the sRGB table).</summary>
    static GraphValue Rgba(GraphValue lab, GraphValue shapeOf)
    {
        var graph = lab.Graph;
        var f = lab.Conv(graph.Constant("lab_to_f", [3, 3, 1, 1],
        [
            1f / 116f, 1f / 500f, 0f,
            1f / 116f, 0f, 0f,
            1f / 116f, 0f, -1f / 200f,
        ])) + 16f / 116f;
        // f⁻¹ on all three: for Y, f³ > ε exactly when L* > 8 and (116 f − 16)/κ is L*/κ, CieLab.Write's two cases.
        var cube = f.PowInt(3);
        var xyz = cube.Greater(CieLab.Epsilon).Where(cube, (f * 116f - 16f) * (1f / CieLab.Kappa));
        var linear = xyz.Conv(graph.Constant("xyz_to_rgb", [3, 3, 1, 1],
        [
            3.2406f * CieLab.Xn, -1.5372f, -0.4986f * CieLab.Zn,
            -0.9689f * CieLab.Xn, 1.8758f, 0.0415f * CieLab.Zn,
            0.0557f * CieLab.Xn, -0.2040f, 1.0570f * CieLab.Zn,
        ]));
        var index = (linear.Clip(0f, 1f) * CieLab.LinearSteps + 0.5f).Floor().Cast(OnnxDataType.Int64);
        var rgb = graph.Uint8Constant("linear_to_srgb", [CieLab.FromLinearTable.Length], CieLab.FromLinearTable).Lookup(index);
        var opaque = graph.Scalar(255f).Cast(OnnxDataType.Uint8).Expand(shapeOf.Shape());
        return GraphValue.Concat(1, [rgb, opaque]).Transpose(0, 2, 3, 1);
    }

    /// <summary>
    /// BroadLight.Of for every plane at once: α·blur(α·v)/blur(α) + (1−α)·blur((1−α)·v)/blur(1−α), a side whose blurred
    /// weight is below 1e-3 standing in for the other; the blur is LowPass's (block means, Gaussian with clamped edges,
    /// bilinear sampling at pixel centres).
    /// </summary>
    static GraphValue BroadLight(GraphValue planes, GraphValue alpha, float sigma)
    {
        var graph = planes.Graph;
        var kernel = LowPass.Kernel(sigma / LowPass.Factor);
        var radius = kernel.Length / 2;
        GraphValue Blur(GraphValue small, int channels)
        {
            var padded = small.PadSpatial(radius, "edge");
            var rows = padded.Conv(graph.Constant("gaussian_row", [channels, 1, 1, kernel.Length], [.. Enumerable.Repeat(kernel, channels).SelectMany(k => k)]), channels);
            var blurred = rows.Conv(graph.Constant("gaussian_column", [channels, 1, kernel.Length, 1], [.. Enumerable.Repeat(kernel, channels).SelectMany(k => k)]), channels);
            // Half-pixel Resize samples (i + ½)/4 − ½ with the ends clamped: BlockGrid's weights.
            return blurred.ResizeToSizeOf(alpha);
        }

        var weights = Blur(GraphValue.Concat(1, [alpha, 1f - alpha]).AveragePool(LowPass.Factor), 2);
        var (figureWeight, groundWeight) = (weights.Channels(0, 1), weights.Channels(1, 2));
        var figureInverse = figureWeight.Greater(1e-3f).Where(figureWeight.Reciprocal(), graph.Scalar(0f));
        var groundInverse = groundWeight.Greater(1e-3f).Where(groundWeight.Reciprocal(), graph.Scalar(-1 / 1e-3f));

        var whole = planes.AveragePool(LowPass.Factor);
        var onFigure = (planes * alpha).AveragePool(LowPass.Factor);
        var sides = Blur(GraphValue.Concat(1, [onFigure, whole - onFigure]), 12);
        var g = sides.Channels(6, 12) * groundInverse.Abs();
        var f = figureInverse.Greater(0f).Where(sides.Channels(0, 6) * figureInverse, g);
        g = groundInverse.Less(0f).Where(f, g);
        return alpha * f + (1f - alpha) * g;
    }

    /// <summary>Pixel columns [1,1,1,W] and rows [1,1,H,1], as floats, from a plane's run-time shape.</summary>
    static (GraphValue X, GraphValue Y) PixelCoordinates(GraphValue plane)
    {
        var graph = plane.Graph;
        GraphValue Ramp(GraphValue size, long[] shape) =>
            GraphValue.Range(graph.Scalar(0f), size.Cast(OnnxDataType.Float).Squeeze(), graph.Scalar(1f)).Reshape(shape);
        return (Ramp(plane.Shape(3, 4), [1, 1, 1, -1]), Ramp(plane.Shape(2, 3), [1, 1, -1, 1]));
    }

    /// <summary>
    /// ToneKeeper.ColourKeep with its SkinColour: the base keep, raised toward the skin's on pixels whose broad colour is
    /// close to the mean broad colour of the face's middle (a box of whole pixels given per image; none when it is empty).
    /// </summary>
    static GraphValue ColourKeep(GraphValue photoAb, GraphValue x, GraphValue y, Func<int, GraphValue> value)
    {
        GraphValue Between(GraphValue coordinate, int first, int last) =>
            (coordinate.GreaterOrEqual(value(first)).Cast(OnnxDataType.Float) * coordinate.Less(value(last) + 1f).Cast(OnnxDataType.Float));
        var box = Between(x, ToneSitting.SkinLeft, ToneSitting.SkinRight) * Between(y, ToneSitting.SkinTop, ToneSitting.SkinBottom);
        var count = box.ReduceSumKept(2, 3);
        var skin = (photoAb * box).ReduceSumKept(2, 3) / count.Max(photoAb.Graph.Scalar(1f));
        var distance = (photoAb - skin).PowInt(2).ReduceSumKept(1);
        var likeness = (distance * (-1f / (2 * ToneKeeper.SkinColourReach * ToneKeeper.SkinColourReach))).Exp();
        var (colourKeep, skinColourKeep) = (value(ToneSitting.ColourKeep), value(ToneSitting.SkinColourKeep));
        return colourKeep + (skinColourKeep - colourKeep) * likeness * count.Min(photoAb.Graph.Scalar(1f));
    }

    /// <summary>ToneKeeper.FaceWeights: the detail share at the face's centre, smoothly to 0 at the ellipse's rim.</summary>
    static GraphValue FaceDetail(GraphValue x, GraphValue y, Func<int, GraphValue> value)
    {
        var dx = (x - value(ToneSitting.FaceCentreX)) / value(ToneSitting.FaceRadiusX);
        var dy = (y - value(ToneSitting.FaceCentreY)) / value(ToneSitting.FaceRadiusY);
        var t = (1f - (dx * dx + dy * dy).Sqrt()).Relu();
        return value(ToneSitting.FaceDetail) * Smoothstep(t);
    }

    /// <summary>
    /// RimBand.TextureShare: 1 on the figure (probability ≥ ½), <see cref="RimBand.Texture"/> beside it, rising smoothly to
    /// 1 at <see cref="RimBand.Reach"/> + 1 px. The Chebyshev distance capped there is the number of dilations of the
    /// figure, 0 … Reach, that leave the pixel outside.
    /// </summary>
    static GraphValue RimTexture(GraphValue figure)
    {
        var inside = figure.GreaterOrEqual(0.5f).Cast(OnnxDataType.Float);
        var reached = inside;
        var distance = 1f - reached;
        for (var step = 1; step <= RimBand.Reach; step++)
        {
            reached = reached.MaxPool3();
            distance += 1f - reached;
        }
        var band = RimBand.Texture + (1 - RimBand.Texture) * Smoothstep(distance * (1f / (RimBand.Reach + 1)));
        return inside + (1f - inside) * band;
    }

    static GraphValue Smoothstep(GraphValue t) => t * t * (3f - 2f * t);
}
