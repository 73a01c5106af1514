using System.Buffers;
using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Tone;

/// <summary>
/// Runs <see cref="ToneGraph"/> in a session of its own on the painter's execution provider: what
/// <see cref="ToneKeeper"/> computes, for a batch of paintings in one run. The host's part is copying the
/// pictures in and out; a single image goes in and comes out without a copy (its own arrays are the tensors).
/// </summary>
public sealed class ToneOnDevice(InferenceSession session, string provider) : IDisposable
{
    /// <summary>The provider the session opened on ("cuda", "cpu").</summary>
    public string Provider { get; } = provider;

    /// <summary>Whether the graph takes a canvas of this size (its block means have no partial blocks).</summary>
    public static bool Fits(int width, int height) => width % LowPass.Factor == 0 && height % LowPass.Factor == 0;

    public RgbaImage Keep(RgbaImage painting, RgbaImage photo, MediumTone tone, FaceBox? face = null, PersonMask? figure = null) =>
        Keep([new ToneJob(painting, photo, tone, face, figure)])[0];

    public IReadOnlyList<RgbaImage> Keep(IReadOnlyList<ToneJob> jobs)
    {
        var (width, height) = (jobs[0].Painting.Width, jobs[0].Painting.Height);
        if (!Fits(width, height) || jobs.Any(j => (j.Painting.Width, j.Painting.Height, j.Photo.Width, j.Photo.Height) != (width, height, width, height)))
            throw new ArgumentException($"The tone graph takes paintings and photos of one size, each side a multiple of {LowPass.Factor}; got {width}x{height} and others.", nameof(jobs));
        var (count, pixels) = (jobs.Count, width * height);
        using var buffers = new Buffers(count, pixels);
        var sitting = new float[count * ToneSitting.Count];
        for (var n = 0; n < count; n++)
        {
            var job = jobs[n];
            ToneSitting.Write(job.Tone, job.Face, sitting.AsSpan(n * ToneSitting.Count, ToneSitting.Count));
            if (count == 1) break;
            job.Painting.Pixels.AsSpan(0, pixels * 4).CopyTo(buffers.Painting.AsSpan(n * pixels * 4));
            job.Photo.Pixels.AsSpan(0, pixels * 4).CopyTo(buffers.Photo.AsSpan(n * pixels * 4));
            WriteFigure(job.Figure, buffers.Figure.AsSpan(n * pixels, pixels));
        }
        var single = count == 1 ? jobs[0] : null;
        var result = single is not null ? RgbaImage.Rent(width, height) : null;
        var figure = buffers.Figure;
        if (single?.Figure is { } cut) figure = cut.Alpha;
        else if (single is not null) WriteFigure(null, figure.AsSpan(0, pixels));

        using var paintingTensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance,
            (single?.Painting.Pixels ?? buffers.Painting).AsMemory(0, count * pixels * 4), [count, height, width, 4]);
        using var photoTensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance,
            (single?.Photo.Pixels ?? buffers.Photo).AsMemory(0, count * pixels * 4), [count, height, width, 4]);
        using var figureTensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, figure.AsMemory(0, count * pixels), [count, 1, height, width]);
        using var sittingTensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, sitting.AsMemory(), [count, ToneSitting.Count]);
        using var output = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance,
            (result?.Pixels ?? buffers.Toned).AsMemory(0, count * pixels * 4), [count, height, width, 4]);
        using var runOptions = new RunOptions();
        var started = Stopwatch.GetTimestamp();
        session.Run(runOptions, [ToneGraph.PaintingInput, ToneGraph.PhotoInput, ToneGraph.FigureInput, ToneGraph.SittingInput],
            [paintingTensor, photoTensor, figureTensor, sittingTensor], [ToneGraph.Output], [output]);
        WorkerMetrics.RecordStageModel("tone-graph", started);
        if (result is not null)
            return [result];

        var toned = new RgbaImage[count];
        for (var n = 0; n < count; n++)
        {
            toned[n] = RgbaImage.Rent(width, height);
            buffers.Toned.AsSpan(n * pixels * 4, pixels * 4).CopyTo(toned[n].Pixels);
        }
        return toned;
    }

    // No cut: every pixel is the figure's, which makes the graph's broad light a plain blur and its rim band all texture.
    static void WriteFigure(PersonMask? figure, Span<float> plane)
    {
        if (figure is null) plane.Fill(1f);
        else figure.Alpha.AsSpan(0, plane.Length).CopyTo(plane);
    }

    public void Dispose() => session.Dispose();

    /// <summary>Pooled batch buffers; a single image uses only the figure plane, and only when it has no cut.</summary>
    sealed class Buffers(int count, int pixels) : IDisposable
    {
        public byte[] Painting { get; } = count > 1 ? ArrayPool<byte>.Shared.Rent(count * pixels * 4) : [];
        public byte[] Photo { get; } = count > 1 ? ArrayPool<byte>.Shared.Rent(count * pixels * 4) : [];
        public byte[] Toned { get; } = count > 1 ? ArrayPool<byte>.Shared.Rent(count * pixels * 4) : [];
        public float[] Figure { get; } = ArrayPool<float>.Shared.Rent(count * pixels);

        public void Dispose()
        {
            if (count > 1)
            {
                ArrayPool<byte>.Shared.Return(Painting);
                ArrayPool<byte>.Shared.Return(Photo);
                ArrayPool<byte>.Shared.Return(Toned);
            }
            ArrayPool<float>.Shared.Return(Figure);
        }
    }
}
