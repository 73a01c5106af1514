using System.Buffers;
using Microsoft.ML.OnnxRuntime;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Worker.Painting;

/// <summary>
/// A painter backed by one shared InferenceSession and its tensor contract (planar RGB NCHW, values in the
/// manifest's range). A batch of N images goes through the network as one [N,3,H,W] tensor; the input buffer
/// comes from a pool, so painting allocates no large float arrays per job.
/// </summary>
public sealed class OnnxPainter(PainterDescriptor descriptor, InferenceSession session) : IBatchPainter
{
    public PainterDescriptor Descriptor { get; } = descriptor;

    public IReadOnlyList<RgbaImage> PaintBatch(IReadOnlyList<RgbaImage> images)
    {
        var (width, height) = (images[0].Width, images[0].Height);
        var plane = width * height;
        var length = images.Count * 3 * plane;
        var (low, high) = (Descriptor.ValueRange[0], Descriptor.ValueRange[1]);
        var buffer = ArrayPool<float>.Shared.Rent(length);
        try
        {
            for (var n = 0; n < images.Count; n++)
                ToPlanes(images[n], buffer.AsSpan(n * 3 * plane, 3 * plane), (high - low) / 255f, low);

            using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(0, length),
                [images.Count, 3, height, width]);
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, [Descriptor.InputName], [input], [Descriptor.OutputName]);
            var shape = outputs[0].GetTensorTypeAndShape().Shape;
            if (shape.Length != 4 || shape[0] != images.Count || shape[1] != 3 || shape[2] != height || shape[3] != width)
                throw new PainterContractException(Descriptor.Name,
                    $"output shape [{string.Join(',', shape)}], expected [{images.Count},3,{height},{width}]");

            var result = outputs[0].GetTensorDataAsSpan<float>();
            var painted = new RgbaImage[images.Count];
            for (var n = 0; n < images.Count; n++)
                painted[n] = ToRgba(result.Slice(n * 3 * plane, 3 * plane), width, height, low, high);
            return painted;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    static void ToPlanes(RgbaImage image, Span<float> planes, float scale, float low)
    {
        var plane = image.Width * image.Height;
        var pixels = image.Pixels;
        for (var i = 0; i < plane; i++)
        {
            planes[i] = pixels[i * 4] * scale + low;
            planes[plane + i] = pixels[i * 4 + 1] * scale + low;
            planes[2 * plane + i] = pixels[i * 4 + 2] * scale + low;
        }
    }

    static RgbaImage ToRgba(ReadOnlySpan<float> planes, int width, int height, float low, float high)
    {
        var result = RgbaImage.Allocate(width, height);
        var plane = width * height;
        var toByte = 255f / (high - low);
        var pixels = result.Pixels;
        for (var i = 0; i < plane; i++)
        {
            pixels[i * 4] = ToByte((planes[i] - low) * toByte);
            pixels[i * 4 + 1] = ToByte((planes[plane + i] - low) * toByte);
            pixels[i * 4 + 2] = ToByte((planes[2 * plane + i] - low) * toByte);
            pixels[i * 4 + 3] = 255;
        }
        return result;
    }

    static byte ToByte(float value) => (byte)Math.Clamp(MathF.Round(value), 0f, 255f);

    public void Dispose() => session.Dispose();
}
