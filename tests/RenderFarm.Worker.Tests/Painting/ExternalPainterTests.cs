using RenderFarm.Farm.Painters;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Scheduling;

namespace RenderFarm.Worker.Tests.Painting;

/// <summary>Manifest entries of kind "external" have no file and are painted by a source the hosting process registers.</summary>
public sealed class ExternalPainterTests : IDisposable
{
    readonly string manifest = Path.Combine(ScratchDirectories.New("renderfarm-external-"), "manifest.json");

    public ExternalPainterTests() =>
        File.WriteAllText(manifest, """{ "painters": [ { "name": "outside", "kind": "external", "medium": "oil", "file": "", "sha256": "" } ] }""");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(manifest)!, recursive: true);

    [Fact]
    public async Task An_external_painter_paints_with_the_source_the_host_registered()
    {
        using var registry = Painters.CreateRegistry(null, manifest, [new InvertingSource()]);
        var photo = new RgbaImage(8, 8, Enumerable.Repeat((byte)10, 8 * 8 * 4).ToArray());

        Assert.True(registry.TryGet("outside", out var painter));
        var painted = await painter.PaintAsync(photo, CancellationToken.None);

        Assert.Equal(245, painted.Pixels[0]);
    }

    [Fact]
    public void An_external_painter_without_a_source_is_refused_by_name()
    {
        using var registry = Painters.CreateRegistry(null, manifest, sources: null);

        var error = Assert.Throws<PainterContractException>(() => registry.TryGet("outside", out _));

        Assert.Contains("outside", error.Message);
    }

    sealed class InvertingSource : IBatchPainterSource
    {
        public IBatchPainter? TryLoad(PainterDescriptor descriptor) => new Inverting(descriptor);
    }

    sealed class Inverting(PainterDescriptor descriptor) : IBatchPainter
    {
        public PainterDescriptor Descriptor { get; } = descriptor;

        public IReadOnlyList<RgbaImage> PaintBatch(IReadOnlyList<RgbaImage> images) =>
            [.. images.Select(image => image with { Pixels = [.. image.Pixels.Select(v => (byte)(255 - v))] })];

        public void Dispose() { }
    }
}
