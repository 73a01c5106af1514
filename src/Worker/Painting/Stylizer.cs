using System.Buffers;
using Microsoft.ML.OnnxRuntime;
using RenderFarm.Farm.Painters;
using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Painting;

/// <summary>
/// MicroAST split in two (../shared/models/README.md §3): the encoder turns an artwork (RGB 0..255, any size) into a
/// [1,8,64] style code; the stylizer paints [N,3,H,W] portraits (RGB 0..255, H and W multiples of 4) from one code,
/// broadcast over the batch. One stylizer session serves every artwork painter of the worker; the encoder runs once
/// per artwork, when its painter loads.
/// </summary>
public sealed class Stylizer(StylizerPaths paths, SessionFactory sessions) : IDisposable
{
    const string ImageInput = "image", StyleInput = "style", CodeName = "style_code", PaintedOutput = "painted";
    static readonly long[] CodeShape = [1, 8, 64];

    // Each file is checked against its pinned SHA-256 once, when its session is first needed; a mismatch fails the
    // load of the artwork painter that needed it.
    readonly Lazy<InferenceSession> encoder = new(() => Open(paths.Files.Encoder, paths.EncoderPath, sessions));
    readonly Lazy<InferenceSession> stylizer = new(() => Open(paths.Files.Stylizer, paths.StylizerPath, sessions));

    public StylizerFiles Files => paths.Files;

    /// <summary>Opens both sessions now (checksums first), so a bad stylizer fails the painter's load, not a job.</summary>
    public void Open()
    {
        _ = encoder.Value;
        _ = stylizer.Value;
    }

    static InferenceSession Open(ModelFile file, string path, SessionFactory sessions) =>
        ModelFiles.ChecksumMismatch(path, file.Sha256) is { } actual
            ? throw new PainterContractException("stylizer", $"file {file.File} has SHA-256 {actual}, the manifest pins {file.Sha256}")
            : sessions.Create(path);

    /// <summary>The style code of an artwork (already resized to the manifest's short side).</summary>
    public float[] Encode(RgbaImage artwork)
    {
        var planes = new float[3 * artwork.Width * artwork.Height];
        PlanarPixels.Write(artwork, planes);
        using var input = OrtValue.CreateTensorValueFromMemory(planes, [1, 3, artwork.Height, artwork.Width]);
        using var runOptions = new RunOptions();
        using var outputs = encoder.Value.Run(runOptions, [StyleInput], [input], [CodeName]);
        var code = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        if (code.Length != CodeShape[1] * CodeShape[2])
            throw new PainterContractException("stylizer", $"style code of {code.Length} values, expected {CodeShape[1] * CodeShape[2]}");
        return code;
    }

    /// <summary>
    /// Paints every image (same size) after the artwork whose code is given, in one inference per pass. A pass after
    /// the first paints the one before as it would be read back into an image (whole levels 0..255,
    /// <see cref="PlanarPixels.AsWholeLevels"/>), so two passes paint what painting the first pass's image again would,
    /// without turning it into bytes and back on the painter's thread in between.
    /// </summary>
    public IReadOnlyList<RgbaImage> Paint(IReadOnlyList<RgbaImage> images, float[] styleCode, int passes = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(passes, 1);
        var (width, height) = (images[0].Width, images[0].Height);
        var plane = width * height;
        var length = images.Count * 3 * plane;
        var buffer = ArrayPool<float>.Shared.Rent(length);
        try
        {
            for (var n = 0; n < images.Count; n++)
                PlanarPixels.Write(images[n], buffer.AsSpan(n * 3 * plane, 3 * plane));
            using var code = OrtValue.CreateTensorValueFromMemory(styleCode, CodeShape);
            using var runOptions = new RunOptions();
            long[] shape = [images.Count, 3, height, width];
            for (var pass = 1; pass < passes; pass++)
            {
                using var between = Run(buffer.AsMemory(0, length), shape, code, runOptions);
                PlanarPixels.AsWholeLevels(between[0].GetTensorDataAsSpan<float>(), buffer.AsSpan(0, length));
            }
            using var outputs = Run(buffer.AsMemory(0, length), shape, code, runOptions);
            var result = outputs[0].GetTensorDataAsSpan<float>();
            var painted = new RgbaImage[images.Count];
            for (var n = 0; n < images.Count; n++)
                painted[n] = PlanarPixels.Read(result.Slice(n * 3 * plane, 3 * plane), width, height);
            return painted;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    // One inference on the planes in the buffer; the output must be painted planes of the input's shape.
    IDisposableReadOnlyCollection<OrtValue> Run(Memory<float> planes, long[] shape, OrtValue code, RunOptions runOptions)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, planes, shape);
        var outputs = stylizer.Value.Run(runOptions, [ImageInput, CodeName], [input, code], [PaintedOutput]);
        var painted = outputs[0].GetTensorTypeAndShape().Shape;
        if (!painted.AsSpan().SequenceEqual(shape))
        {
            outputs.Dispose();
            throw new PainterContractException("stylizer", $"output shape [{string.Join(',', painted)}], expected [{string.Join(',', shape)}]");
        }
        return outputs;
    }

    public void Dispose()
    {
        if (encoder.IsValueCreated) encoder.Value.Dispose();
        if (stylizer.IsValueCreated) stylizer.Value.Dispose();
    }
}
