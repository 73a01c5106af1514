using System.Buffers;
using Microsoft.ML.OnnxRuntime;
using RenderFarm.Farm.Painters;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Scheduling;

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
                PlanarPixels.Write(images[n], buffer.AsSpan(n * 3 * plane, 3 * plane), low, high);

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
                painted[n] = PlanarPixels.Read(result.Slice(n * 3 * plane, 3 * plane), width, height, low, high);
            return painted;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    public void Dispose() => session.Dispose();
}
