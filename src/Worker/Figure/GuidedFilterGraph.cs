using RenderFarm.Worker.Forge;

namespace RenderFarm.Worker.Figure;

/// <summary>
/// <see cref="GuidedFilter"/>'s refinement as one ONNX graph, so that on a GPU node the mask is refined on the device beside
/// the segmenter that made it: the guide's luminance, block means onto the half-size grid, the coarse mask resampled
/// there, the box means (a stride-1 average pool that counts only the pixels inside, as BoxMean's clipped window
/// does), the linear coefficients and their means, and those sampled back up onto the full-size guide.
/// Inputs: the segmenter's mask as it comes out (float [N,h,w,1], 0..1) and the framed photo (uint8 [N,H,W,4], RGBA;
/// H and W even). Output: the refined person probability, float [N,1,H,W].
/// </summary>
public static class GuidedFilterGraph
{
    public const string CoarseInput = "coarse", GuideInput = "guide", Output = "refined";

    public static byte[] Build(int radius = GuidedFilter.Radius, float epsilon = GuidedFilter.Epsilon)
    {
        var graph = new GraphBuilder("guided-filter");
        var coarse = graph.Input(new OnnxValueInfo(CoarseInput, OnnxDataType.Float, ["N", "h", "w", "1"])).Transpose(0, 3, 1, 2);
        var guide = graph.Input(new OnnxValueInfo(GuideInput, OnnxDataType.Uint8, ["N", "H", "W", "4"]));

        var grey = guide.RgbPlanes().Cast(OnnxDataType.Float)
            .Conv(graph.Constant("luminance", [1, 3, 1, 1], [0.2126f / 255f, 0.7152f / 255f, 0.0722f / 255f]));
        var guideSmall = grey.AveragePool(GuidedFilter.Subsample);
        var mask = coarse.ResizeToSizeOf(guideSmall).Clip(0f, 1f);

        var window = Math.Max(1, radius / GuidedFilter.Subsample);
        GraphValue BoxMean(GraphValue planes) => graph.Node("AveragePool", [planes],
            OnnxAttribute.Ints("kernel_shape", 2 * window + 1, 2 * window + 1),
            OnnxAttribute.Ints("pads", window, window, window, window),
            OnnxAttribute.Int("count_include_pad", 0));
        var means = BoxMean(GraphValue.Concat(1, [guideSmall, mask, guideSmall * mask, guideSmall * guideSmall]));
        var (meanI, meanP, meanIp, meanII) = (means.Channels(0, 1), means.Channels(1, 2), means.Channels(2, 3), means.Channels(3, 4));
        var a = (meanIp - meanI * meanP) / (meanII - meanI * meanI + epsilon);
        var b = meanP - a * meanI;
        var coefficients = BoxMean(GraphValue.Concat(1, [a, b]));
        // Half-pixel Resize samples (i + ½)/2 − ½ with the ends clamped: BlockGrid's weights for the factor 2.
        var full = coefficients.ResizeToSizeOf(grey);
        var refined = (full.Channels(0, 1) * grey + full.Channels(1, 2)).Clip(0f, 1f);
        return graph.Build(refined, new OnnxValueInfo(Output, OnnxDataType.Float, ["N", "1", "H", "W"]),
            "The guided filter that snaps the segmenter's coarse mask to the photo's edges (see GuidedFilter).", []).ToBytes();
    }
}
