using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RenderFarm.Farm.Painters;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Pipeline;
using RenderFarm.Worker.Scheduling;

namespace RenderFarm.Worker.Tests.Painting;

/// <summary>Artworks painted by the shared MicroAST stylizer, each from a style code computed once.</summary>
public class ArtworkPainterTests
{
    static readonly string[] Media = ["oil", "watercolor", "ink"];
    static readonly string[] Directories = [SharedData.RepoModels, SharedData.Models, SharedData.Styles];

    static async Task<RgbaImage> Portrait(string face, int width = 128, int height = 160) =>
        new PortraitFramer(Options.Create(new CanvasOptions { Width = width, Height = height }))
            .Frame(new SourceDecoder().Decode(await File.ReadAllBytesAsync(SharedData.Face(face)))).Image;

    [Fact]
    public async Task Each_artwork_style_code_is_computed_once_when_its_painter_loads_not_per_portrait()
    {
        using var registry = Painters.CreateRegistry(TestManifests.Only("rembrandt-two-circles", "rubens-chapeau-de-paille"), Directories);
        var portrait = await Portrait("hopper.jpg");

        Assert.True(registry.TryGet("rembrandt-two-circles", out var rembrandt));
        Assert.True(registry.TryGet("rubens-chapeau-de-paille", out var rubens));
        Assert.Equal(2, registry.StyleCodesComputed);
        for (var i = 0; i < 3; i++)
        {
            await rembrandt.PaintAsync(portrait, CancellationToken.None);
            await rubens.PaintAsync(portrait, CancellationToken.None);
        }

        Assert.Equal(2, registry.StyleCodesComputed);
    }

    [Fact]
    public async Task A_batch_shares_the_style_code_and_paints_what_single_portraits_would()
    {
        using var single = Painters.CreateRegistry(new BatchingOptions { MaxBatch = 1 }, TestManifests.Only("rubens-chapeau-de-paille"), Directories);
        using var batched = Painters.CreateRegistry(new BatchingOptions { MaxBatch = 4, MaxDelay = TimeSpan.FromSeconds(5) },
            TestManifests.Only("rubens-chapeau-de-paille"), Directories);
        string[] faces = ["hopper.jpg", "astronaut.png", "kodim04.png", "camera.png"];
        var portraits = await Task.WhenAll(faces.Select(f => Portrait(f)));
        single.TryGet("rubens-chapeau-de-paille", out var one);
        batched.TryGet("rubens-chapeau-de-paille", out var four);

        var alone = new List<RgbaImage>();
        foreach (var portrait in portraits)
            alone.Add(await one.PaintAsync(portrait, CancellationToken.None));
        var together = await Task.WhenAll(portraits.Select(p => four.PaintAsync(p, CancellationToken.None)));

        for (var i = 0; i < faces.Length; i++)
        {
            var worst = alone[i].Pixels.Zip(together[i].Pixels, (x, y) => Math.Abs(x - y)).Max();
            Assert.True(worst <= 1, $"{faces[i]}: batched result differs by {worst}");
        }
    }

    // The artworks paint two passes; the second now starts from the first's whole levels, not from its image.
    [Fact]
    public async Task Two_passes_paint_what_painting_the_first_pass_s_image_again_paints()
    {
        var catalog = new PainterCatalog(Options.Create(new PainterOptions
        {
            Manifest = TestManifests.Only("rembrandt-two-circles"),
            ModelDirectories = [.. Directories],
        }), NullLogger<PainterCatalog>.Instance);
        var sessions = new SessionFactory(Options.Create(new ExecutionOptions { Provider = "cpu", IntraOpThreads = 1 }),
            NullLogger<SessionFactory>.Instance);
        using var stylizer = new Stylizer(catalog.Stylizer!, sessions);
        Assert.True(catalog.TryGet("rembrandt-two-circles", out _, out var artwork));
        var code = stylizer.Encode(ArtworkImage.Load(artwork, stylizer.Files.StyleShortSide));
        RgbaImage[] portraits = [await Portrait("kodim18.png", 64, 80), await Portrait("hopper.jpg", 64, 80)];

        var twice = stylizer.Paint(stylizer.Paint(portraits, code), code);
        var inTwoPasses = stylizer.Paint(portraits, code, passes: 2);

        for (var n = 0; n < portraits.Length; n++)
            Assert.Equal(twice[n].Pixels, inTwoPasses[n].Pixels);
        Assert.NotEqual(stylizer.Paint(portraits, code)[0].Pixels, inTwoPasses[0].Pixels);
    }

    [Fact]
    public void An_artwork_file_that_does_not_match_its_pin_is_not_painted()
    {
        var dir = ScratchDirectories.New("renderfarm-artwork-");
        var bytes = File.ReadAllBytes(Path.Combine(SharedData.Styles, "oil-rembrandt-self-portrait-two-circles-1665.jpg"));
        bytes[^10] ^= 0xFF; // one changed byte near the end
        File.WriteAllBytes(Path.Combine(dir, "oil-rembrandt-self-portrait-two-circles-1665.jpg"), bytes);
        using var registry = Painters.CreateRegistry(TestManifests.Only("rembrandt-two-circles"), dir, SharedData.Models);

        var error = Assert.ThrowsAny<Exception>(() => registry.TryGet("rembrandt-two-circles", out _));
        Assert.Contains("SHA-256", error.Message);
    }

    [Fact]
    public void Artworks_are_not_offered_where_the_stylizer_files_are_missing()
    {
        var catalog = new PainterCatalog(Options.Create(new PainterOptions
        {
            Manifest = SharedData.RepoManifest,
            ModelDirectories = [SharedData.RepoModels, SharedData.Styles], // artwork images, but no stylizer network
        }), NullLogger<PainterCatalog>.Instance);

        Assert.Empty(catalog.Artworks);
        Assert.Null(catalog.Stylizer);
        Assert.Equal(["oil", "watercolor", "ink"], catalog.Painters.Select(p => p.Name));
    }

    [Fact]
    public void Every_shipped_artwork_names_its_work_and_pins_the_shared_file()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(SharedData.RepoManifest))!;
        var artworks = manifest["painters"]!.AsArray().Where(p => p!["kind"]?.GetValue<string>() == PainterKinds.Artwork).ToList();

        Assert.True(artworks.Count >= 10, $"only {artworks.Count} artworks");
        Assert.Contains(artworks, a => a!["medium"]!.GetValue<string>() == "oil");
        Assert.Contains(artworks, a => a!["medium"]!.GetValue<string>() == "ink");
        foreach (var artwork in artworks)
        {
            var name = artwork!["name"]!.GetValue<string>();
            Assert.Contains(artwork["medium"]!.GetValue<string>(), Media);
            Assert.False(string.IsNullOrWhiteSpace(artwork["artist"]?.GetValue<string>()), $"{name}: no artist");
            Assert.False(string.IsNullOrWhiteSpace(artwork["title"]?.GetValue<string>()), $"{name}: no title");
            Assert.InRange(artwork["year"]!.GetValue<int>(), 1300, 1850);
            var file = Path.Combine(SharedData.Styles, artwork["file"]!.GetValue<string>());
            Assert.Equal(artwork["sha256"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))));
        }
    }
}
