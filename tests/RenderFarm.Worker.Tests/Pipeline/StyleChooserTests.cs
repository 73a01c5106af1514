using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RenderFarm.Contracts;
using RenderFarm.Farm.Painters;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Pipeline;
using Xunit.Abstractions;

namespace RenderFarm.Worker.Tests.Pipeline;

public class StyleChooserTests(ITestOutputHelper output)
{
    /// <summary>A catalog over placeholder files: painters (name, medium) and artworks (name, medium, suits).</summary>
    static PainterCatalog Catalog((string Name, string Medium)[] painters, (string Name, string Medium, string[] Suits)[]? artworks = null)
    {
        var dir = ScratchDirectories.New("renderfarm-styles-");
        artworks ??= [];
        foreach (var file in painters.Select(p => $"{p.Name}.onnx").Concat(artworks.Select(a => $"{a.Name}.jpg")).Append("encoder.onnx").Append("stylizer.onnx"))
            File.WriteAllBytes(Path.Combine(dir, file), [0]);
        var entries = painters.Select(p => $$"""{ "name": "{{p.Name}}", "medium": "{{p.Medium}}", "file": "{{p.Name}}.onnx", "sha256": "x" }""")
            .Concat(artworks.Select(a => $$"""
                { "name": "{{a.Name}}", "kind": "artwork", "medium": "{{a.Medium}}", "artist": "Artist {{a.Name}}", "title": "Title {{a.Name}}",
                  "year": 1600, "file": "{{a.Name}}.jpg", "sha256": "x", "suits": [{{string.Join(",", a.Suits.Select(s => $"\"{s}\""))}}] }
                """));
        File.WriteAllText(Path.Combine(dir, "manifest.json"), $$"""
            { "painters": [ {{string.Join(",", entries)}} ],
              "stylizer": { "encoder": { "file": "encoder.onnx", "sha256": "x" }, "stylizer": { "file": "stylizer.onnx", "sha256": "x" } } }
            """);
        var options = new PainterOptions { Manifest = Path.Combine(dir, "manifest.json"), ModelDirectories = [dir], DefaultStyle = artworks.FirstOrDefault().Name ?? painters[0].Name };
        return new PainterCatalog(Options.Create(options), NullLogger<PainterCatalog>.Instance);
    }

    static readonly (string, string)[] BuiltIns = [("oil", "oil"), ("watercolor", "watercolor"), ("ink", "ink")];

    static readonly StyleChooser WithArtworks = new(Catalog(BuiltIns,
    [
        ("etching", "ink", [PhotoCharacter.Monochrome, PhotoCharacter.BusyBackground]),
        ("chiaroscuro-1", "oil", [PhotoCharacter.Chiaroscuro]),
        ("chiaroscuro-2", "oil", [PhotoCharacter.Chiaroscuro, PhotoCharacter.LowKey]),
        ("bright", "oil", [PhotoCharacter.BrightColour]),
        ("house", "oil", []),
    ]));

    static readonly StyleChooser BuiltInsOnly = new(Catalog(BuiltIns));

    static PhotoFeatures Features(double colourfulness = 25, double key = 0.5, double sideLight = 3, double faceFill = 0.12, int faces = 1, double busy = 0.02) =>
        new(colourfulness, key, sideLight, faceFill, faces, busy);

    public static TheoryData<PhotoFeatures, string> Characters => new()
    {
        { Features(colourfulness: 5), PhotoCharacter.Monochrome },
        { Features(colourfulness: 5, faces: 3, sideLight: 20), PhotoCharacter.Monochrome },   // the first rule that holds wins
        { Features(faces: 2), PhotoCharacter.Group },
        { Features(sideLight: 15), PhotoCharacter.Chiaroscuro },
        { Features(key: 0.2), PhotoCharacter.LowKey },
        { Features(faceFill: 0.35), PhotoCharacter.CloseUp },
        { Features(busy: 0.09), PhotoCharacter.BusyBackground },
        { Features(colourfulness: 45, key: 0.55), PhotoCharacter.BrightColour },
        { Features(colourfulness: 45, key: 0.35), PhotoCharacter.DeepColour },
        { Features(colourfulness: 20, key: 0.55), PhotoCharacter.Soft },
    };

    [Theory]
    [MemberData(nameof(Characters))]
    public void Features_read_as_the_first_character_whose_rule_holds(PhotoFeatures features, string character)
    {
        var (read, because) = PhotoCharacter.Read(features);

        Assert.Equal(character, read);
        Assert.False(string.IsNullOrWhiteSpace(because));
    }

    [Fact]
    public void Auto_names_the_first_artwork_in_the_manifest_that_suits_the_photo_and_says_why_in_words()
    {
        var choice = WithArtworks.ChooseFor(Features(sideLight: 18));

        Assert.Equal("chiaroscuro-1", choice.Style);
        Assert.Equal("oil", choice.Medium);
        Assert.StartsWith("after Artist chiaroscuro-1, Title chiaroscuro-1 (1600) (oil): strong light from one side of the face", choice.Reason);
    }

    [Fact]
    public void Auto_falls_back_to_the_house_artwork_when_none_suits_the_photo()
    {
        var choice = WithArtworks.ChooseFor(Features(faceFill: 0.4)); // close-up: no artwork lists it

        Assert.Equal("etching", choice.Style); // the house style of this catalog (its first artwork)
        Assert.Contains("the face fills", choice.Reason);
        Assert.Contains("so the house style", choice.Reason);
    }

    [Theory]
    [InlineData(5, 0.5, "ink")]         // monochrome: lines
    [InlineData(20, 0.55, "watercolor")] // soft light, quiet colour
    [InlineData(45, 0.55, "oil")]       // bright colour
    public void Without_artworks_the_character_picks_a_built_in_medium(double colourfulness, double key, string painter)
    {
        var choice = BuiltInsOnly.ChooseFor(Features(colourfulness: colourfulness, key: key));

        Assert.Equal(painter, choice.Style);
        Assert.EndsWith($"so {painter}", choice.Reason);
    }

    [Fact]
    public void Requested_style_is_honoured_and_an_unknown_one_fails_with_a_code()
    {
        var framed = new FramedPortrait(RgbaImage.Allocate(64, 80), "test", null);

        Assert.Equal("bright", WithArtworks.Choose("bright", framed, 1, null).Style);
        var error = Assert.Throws<PortraitJobException>(() => WithArtworks.Choose("cubism", framed, 1, null));
        Assert.Equal(ErrorCodes.StyleUnavailable, error.Code);
    }

    [Fact]
    public void Every_character_has_a_shipped_artwork_so_auto_always_names_a_work()
    {
        var catalog = new PainterCatalog(Options.Create(new PainterOptions
        {
            Manifest = SharedData.RepoManifest,
            ModelDirectories = [SharedData.RepoModels, SharedData.Models, SharedData.Styles],
        }), NullLogger<PainterCatalog>.Instance);

        foreach (var character in PhotoCharacter.All)
            Assert.Contains(catalog.Artworks, a => a.Suits.Contains(character));
        Assert.All(catalog.Artworks.SelectMany(a => a.Suits), suit => Assert.Contains(suit, PhotoCharacter.All));
    }

    [Fact]
    public async Task Every_shared_face_gets_a_named_artwork_the_same_way_every_time()
    {
        using var detector = Faces.Detector.Create();
        var catalog = new PainterCatalog(Options.Create(new PainterOptions
        {
            Manifest = SharedData.RepoManifest,
            ModelDirectories = [SharedData.RepoModels, SharedData.Models, SharedData.Styles],
        }), NullLogger<PainterCatalog>.Instance);
        var chooser = new StyleChooser(catalog);
        var framer = new PortraitFramer(Options.Create(new CanvasOptions()));
        foreach (var path in Directory.GetFiles(Path.Combine(SharedData.Root, "testdata", "faces")).Order())
        {
            var photo = new SourceDecoder().Decode(await File.ReadAllBytesAsync(path));
            var faces = detector.Detect(photo);
            var framed = framer.Frame(photo, faces);

            var choice = chooser.Choose(StyleNames.Auto, framed, faces.Count, null);

            output.WriteLine($"{Path.GetFileName(path)}: {choice.Style} — {choice.Reason}");
            Assert.True(catalog.TryGet(choice.Style, out var painter, out _) && painter.IsArtwork, $"{choice.Style} is not an artwork");
            Assert.StartsWith(painter.Attribution, choice.Reason);
            Assert.Equal(choice, chooser.Choose(StyleNames.Auto, framed, faces.Count, null));
        }
    }
}
