using Microsoft.ML.OnnxRuntime;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Worker.Painting;

/// <summary>
/// One painter: a shared InferenceSession and its tensor contract (planar RGB NCHW, values in the manifest's range).
/// Runs are serialised: on a CPU the session already uses every core, on a GPU batching (not overlap) pays.
/// </summary>
public sealed class OnnxPainter(PainterDescriptor descriptor, InferenceSession session) : IDisposable
{
    readonly SemaphoreSlim gate = new(1, 1);

    public PainterDescriptor Descriptor { get; } = descriptor;

    public async Task<RgbaImage> PaintAsync(RgbaImage image, CancellationToken cancellationToken)
    {
        var (low, high) = (Descriptor.ValueRange[0], Descriptor.ValueRange[1]);
        var scale = (high - low) / 255f;
        var plane = image.Width * image.Height;
        var input = new float[3 * plane];
        var pixels = image.Pixels;
        for (var i = 0; i < plane; i++)
        {
            input[i] = pixels[i * 4] * scale + low;
            input[plane + i] = pixels[i * 4 + 1] * scale + low;
            input[2 * plane + i] = pixels[i * 4 + 2] * scale + low;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [1, 3, image.Height, image.Width]);
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, [Descriptor.InputName], [inputValue], [Descriptor.OutputName]);
            var shape = outputs[0].GetTensorTypeAndShape().Shape;
            if (shape.Length != 4 || shape[1] != 3 || shape[2] != image.Height || shape[3] != image.Width)
                throw new PainterContractException(Descriptor.Name, $"output shape [{string.Join(',', shape)}], expected [1,3,{image.Height},{image.Width}]");
            return ToRgba(outputs[0].GetTensorDataAsSpan<float>(), image.Width, image.Height, low, high);
        }
        finally
        {
            gate.Release();
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

    public void Dispose()
    {
        session.Dispose();
        gate.Dispose();
    }
}
