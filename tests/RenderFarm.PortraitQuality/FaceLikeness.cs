using Microsoft.ML.OnnxRuntime;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Imaging;
using SkiaSharp;

namespace RenderFarm.PortraitQuality;

/// <summary>
/// Likeness of two faces: the cosine of their faceres descriptors (../shared/models/README.md §5; measuring only,
/// never in the product). The crop is the detector box enlarged ×1.4 and squared, resized to 224×224, RGB 0..255
/// NHWC. Same face after flips, shifts and re-encoding measured 0.71–1.0 (mean 0.94); different faces at most 0.66.
/// </summary>
public sealed class FaceLikeness : IDisposable
{
    const int Side = 224;
    readonly InferenceSession session;

    public FaceLikeness()
    {
        using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        session = new InferenceSession(Path.Combine(SharedData.Models, "faceres.onnx"), options);
    }

    public float[] Describe(RgbaImage image, FaceBox face)
    {
        var side = Math.Max(face.Width, face.Height) * 1.4f;
        var crop = ImageOps.CropAndScale(image,
            SKRectI.Create((int)MathF.Round(face.CentreX - side / 2), (int)MathF.Round(face.CentreY - side / 2), (int)MathF.Round(side), (int)MathF.Round(side)),
            Side, Side);
        var input = new float[Side * Side * 3];
        for (var i = 0; i < Side * Side; i++)
        {
            input[i * 3] = crop.Pixels[i * 4];
            input[i * 3 + 1] = crop.Pixels[i * 4 + 1];
            input[i * 3 + 2] = crop.Pixels[i * 4 + 2];
        }
        using var value = OrtValue.CreateTensorValueFromMemory(input, [1, Side, Side, 3]);
        // RunOptions must stay referenced through Run: a finalized one under a running session crashed ONNX Runtime.
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["input"], [value], ["embedding"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>Cosine of the descriptors of the same face box in both images.</summary>
    public double Between(RgbaImage photo, RgbaImage painting, FaceBox face) => Cosine(Describe(photo, face), Describe(painting, face));

    public static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.Sqrt(na * nb);
    }

    public void Dispose() => session.Dispose();
}
