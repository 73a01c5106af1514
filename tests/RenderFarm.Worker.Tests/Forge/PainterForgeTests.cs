using System.Security.Cryptography;
using Microsoft.ML.OnnxRuntime;
using RenderFarm.Farm.Painters;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Forge;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Pipeline;

namespace RenderFarm.Worker.Tests.Forge;

/// <summary>The built-in painters: the committed files are exactly what the forge makes, and they keep the painter contract.</summary>
public class PainterForgeTests
{
    static readonly Lazy<IReadOnlyList<ForgedPainter>> Forged = new(PainterForge.ForgeAll);

    public static TheoryData<string> BuiltIns => new() { "oil", "watercolor", "ink" };

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void Regenerated_painter_is_byte_for_byte_the_committed_file_and_the_manifest_pin(string name)
    {
        var painter = Forged.Value.Single(p => p.Name == name);
        var regenerated = Sha256(painter.Onnx);
        var committed = Sha256(File.ReadAllBytes(Path.Combine(SharedData.RepoModels, painter.FileName)));
        var entry = PainterManifest.Load(SharedData.RepoManifest).Painters.Single(p => p.Name == name);

        Assert.Equal(committed, regenerated);
        Assert.Equal(regenerated, entry.Sha256);
        Assert.Equal(painter.FileName, entry.File);
        Assert.Equal(name, entry.Medium);
        Assert.Equal(("image", "painted"), (entry.InputName, entry.OutputName));
    }

    [Fact]
    public void Forging_twice_gives_the_same_bytes()
    {
        var again = PainterForge.ForgeAll();
        Assert.Equal(Forged.Value.Select(p => Sha256(p.Onnx)), again.Select(p => Sha256(p.Onnx)));
    }

    [Fact]
    public void Write_all_puts_the_three_files_in_the_directory()
    {
        var dir = ScratchDirectories.New("renderfarm-forge-");
        PainterForge.WriteAll(dir);
        foreach (var painter in Forged.Value)
            Assert.Equal(painter.Onnx, File.ReadAllBytes(Path.Combine(dir, painter.FileName)));
    }

    [Theory]
    [InlineData("oil", 512, 640)]
    [InlineData("oil", 512, 512)]
    [InlineData("watercolor", 512, 640)]
    [InlineData("watercolor", 512, 512)]
    [InlineData("ink", 512, 640)]
    [InlineData("ink", 512, 512)]
    public async Task Built_in_painter_paints_a_face_at_the_canvas_size_through_the_registry(string name, int width, int height)
    {
        using var registry = Painters.CreateRegistry();
        Assert.True(registry.TryGet(name, out var painter), $"built-in painter {name} should load from the repo's models/");
        var photo = new SourceDecoder().Decode(await File.ReadAllBytesAsync(SharedData.Face("kodim04.png")));
        var canvas = ImageOps.CropAndScale(photo, SkiaSharp.SKRectI.Create(0, 0, photo.Width, photo.Height), width, height);

        var painted = await painter.PaintAsync(canvas, CancellationToken.None);

        Assert.Equal((width, height), (painted.Width, painted.Height));
        var changed = 0;
        for (var i = 0; i < painted.Pixels.Length; i++)
            if (i % 4 != 3 && Math.Abs(painted.Pixels[i] - canvas.Pixels[i]) > 8) changed++;
        Assert.True(changed > painted.Pixels.Length / 20, $"{name} left the photo almost as it was ({changed} channels changed)");
    }

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void Raw_output_keeps_the_shape_and_stays_within_0_to_255_for_any_input(string name)
    {
        using var session = new InferenceSession(Path.Combine(SharedData.RepoModels, $"painter-{name}.onnx"));
        foreach (var (width, height) in new[] { (512, 640), (512, 512), (37, 33), (32, 32), (333, 47) })
        {
            // Hard input: noise over the whole range, with saturated blocks of 0 and 255.
            var input = new float[3 * width * height];
            for (var i = 0; i < input.Length; i++)
                input[i] = (i / 97 % 5) switch { 0 => 0f, 1 => 255f, _ => (uint)(i * 2654435761u) % 256 };
            using var value = OrtValue.CreateTensorValueFromMemory(input, [1, 3, height, width]);
            // The RunOptions must outlive Run: ONNX Runtime passes only its raw handle, and a finalizer that frees it
            // mid-run crashed the test host.
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, ["image"], [value], ["painted"]);

            Assert.Equal([1L, 3, height, width], outputs[0].GetTensorTypeAndShape().Shape);
            foreach (var v in outputs[0].GetTensorDataAsSpan<float>())
                Assert.True(v is >= 0f and <= 255f, $"{name} at {width}x{height} gave {v}");
        }
    }

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void Batch_items_are_painted_independently(string name)
    {
        // The painters look pixels up by flat index and lay texture tiles over the batch: a second picture in the batch
        // must neither shift the first one's lookups nor change its painting.
        using var session = new InferenceSession(Path.Combine(SharedData.RepoModels, $"painter-{name}.onnx"));
        const int width = 96, height = 120, plane = 3 * width * height;
        float[] Picture(uint seed) => [.. Enumerable.Range(0, plane).Select(i => (float)((uint)(i / 7 + seed) * 2654435761u % 256))];
        float[] Paint(float[] pictures, int count)
        {
            using var value = OrtValue.CreateTensorValueFromMemory(pictures, [count, 3, height, width]);
            // The RunOptions must outlive Run: ONNX Runtime passes only its raw handle, and a finalizer that frees it
            // mid-run crashed the test host.
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, ["image"], [value], ["painted"]);
            return outputs[0].GetTensorDataAsSpan<float>().ToArray();
        }
        var (first, second) = (Picture(1), Picture(977));
        var together = Paint([.. first, .. second], 2);
        var alone = Paint(first, 1).Concat(Paint(second, 1)).ToArray();

        Assert.Equal(alone.Length, together.Length);
        for (var i = 0; i < alone.Length; i++)
            Assert.True(Math.Abs(alone[i] - together[i]) < 0.01f, $"{name}: value {i} is {together[i]} in a batch, {alone[i]} alone");
    }

    static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
