using RenderFarm.TestSupport;
using RenderFarm.Worker.Pipeline;

namespace RenderFarm.Worker.Tests.Painting;

public class OnnxPainterTests
{
    static readonly SourceDecoder Decoder = new();

    [Theory]
    [InlineData("udnie")]
    [InlineData("scream")]
    [InlineData("rain_princess")]
    [InlineData("wave")]
    public async Task Fns_painter_reproduces_its_reference_astronaut_within_one_level(string style)
    {
        using var registry = Painters.CreateRegistry(SharedData.NeuralManifest);
        Assert.True(registry.TryGet(style, out var painter), $"painter {style} should be available from {SharedData.Models}");
        var astronaut = Decoder.Decode(await File.ReadAllBytesAsync(SharedData.Face("astronaut.png")));
        var reference = Decoder.Decode(await File.ReadAllBytesAsync(SharedData.Reference(style)));

        var painted = await painter.PaintAsync(astronaut, CancellationToken.None);

        Assert.Equal((reference.Width, reference.Height), (painted.Width, painted.Height));
        var worst = 0;
        var offByOne = 0;
        for (var i = 0; i < painted.Pixels.Length; i++)
        {
            if (i % 4 == 3) continue;
            var diff = Math.Abs(painted.Pixels[i] - reference.Pixels[i]);
            worst = Math.Max(worst, diff);
            if (diff > 0) offByOne++;
        }
        Assert.True(worst <= 1, $"{style}: largest channel difference {worst} (>1); {offByOne} channels differ");
    }

    [Fact]
    public void Painter_whose_file_does_not_match_its_pinned_hash_is_refused()
    {
        var dir = ScratchDirectories.New("renderfarm-manifest-");
        var manifest = Path.Combine(dir, "manifest.json");
        File.WriteAllText(manifest, """
            { "painters": [ { "name": "tampered", "medium": "neural", "file": "fns-udnie.onnx",
              "sha256": "0000000000000000000000000000000000000000000000000000000000000000" } ] }
            """);
        using var registry = Painters.CreateRegistry(manifest, SharedData.Models);

        var error = Assert.ThrowsAny<Exception>(() => registry.TryGet("tampered", out _));
        Assert.Contains("SHA-256", error.Message);
    }
}
