using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RenderFarm.Contracts;
using RenderFarm.ServiceDefaults;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Pipeline;

namespace RenderFarm.Worker.Tests.Pipeline;

public class StyleChooserTests
{
    static PainterCatalog Catalog(params (string Name, string Medium)[] painters)
    {
        var dir = Directory.CreateTempSubdirectory("renderfarm-styles-").FullName;
        foreach (var (name, _) in painters) File.WriteAllBytes(Path.Combine(dir, $"{name}.onnx"), [0]);
        var entries = painters.Select(p => $$"""{ "name": "{{p.Name}}", "medium": "{{p.Medium}}", "file": "{{p.Name}}.onnx", "sha256": "x" }""");
        File.WriteAllText(Path.Combine(dir, "manifest.json"), $$"""{ "painters": [ {{string.Join(",", entries)}} ] }""");
        var options = new PainterOptions { Manifest = Path.Combine(dir, "manifest.json"), ModelDirectories = [dir], DefaultStyle = painters[0].Name };
        return new PainterCatalog(Options.Create(options), NullLogger<PainterCatalog>.Instance);
    }

    static readonly StyleChooser Chooser = new(Catalog(("oil", "oil"), ("watercolor", "watercolor"), ("ink", "ink"), ("udnie", "neural")));

    static FramedPortrait Framed(Func<int, int, (byte R, byte G, byte B)> colour)
    {
        var image = RgbaImage.Allocate(64, 80);
        for (var y = 0; y < 80; y++)
        for (var x = 0; x < 64; x++)
        {
            var (r, g, b) = colour(x, y);
            var i = (y * 64 + x) * 4;
            (image.Pixels[i], image.Pixels[i + 1], image.Pixels[i + 2], image.Pixels[i + 3]) = (r, g, b, 255);
        }
        return new FramedPortrait(image, "test", null);
    }

    [Fact]
    public void Near_monochrome_photo_goes_to_ink()
    {
        var grey = Framed((x, y) => ((byte)(x * 4), (byte)(x * 4), (byte)(x * 4 + 3)));

        var choice = Chooser.Choose(StyleNames.Auto, grey);

        Assert.Equal("ink", choice.Style);
        Assert.Contains("near-monochrome", choice.Reason);
    }

    [Fact]
    public void Bright_soft_colourful_photo_goes_to_watercolor()
    {
        var pastel = Framed((x, y) => x < 32 ? ((byte)240, (byte)190, (byte)170) : ((byte)170, (byte)210, (byte)240));

        var choice = Chooser.Choose(StyleNames.Auto, pastel);

        Assert.Equal("watercolor", choice.Style);
        Assert.Contains("bright, soft", choice.Reason);
    }

    [Fact]
    public void Colourful_contrasty_photo_goes_to_oil()
    {
        var bold = Framed((x, y) => (x / 8 + y / 8) % 2 == 0 ? ((byte)200, (byte)30, (byte)30) : ((byte)20, (byte)20, (byte)120));

        var choice = Chooser.Choose(StyleNames.Auto, bold);

        Assert.Equal("oil", choice.Style);
    }

    [Fact]
    public void Same_photo_always_gets_the_same_choice()
    {
        var photo = Framed((x, y) => ((byte)(x * 3), (byte)(y * 2), (byte)((x + y) % 256)));

        Assert.Equal(Chooser.Choose(StyleNames.Auto, photo), Chooser.Choose(StyleNames.Auto, photo));
    }

    [Fact]
    public void Missing_medium_falls_back_to_the_default_painter_and_says_so()
    {
        var neuralOnly = new StyleChooser(Catalog(("udnie", "neural")));
        var grey = Framed((x, y) => ((byte)(x * 4), (byte)(x * 4), (byte)(x * 4)));

        var choice = neuralOnly.Choose(StyleNames.Auto, grey);

        Assert.Equal("udnie", choice.Style);
        Assert.Contains("no ink painter is installed", choice.Reason);
    }

    [Fact]
    public void Requested_style_is_honoured_and_an_unknown_one_fails_with_a_code()
    {
        var photo = Framed((x, y) => ((byte)100, (byte)100, (byte)100));

        Assert.Equal("udnie", Chooser.Choose("udnie", photo).Style);
        var error = Assert.Throws<PortraitJobException>(() => Chooser.Choose("cubism", photo));
        Assert.Equal(ErrorCodes.StyleUnavailable, error.Code);
    }

    [Fact]
    public void Colourfulness_of_a_grey_image_is_zero_and_of_a_red_green_split_is_high()
    {
        var grey = PhotoFeatures.Measure(Framed((x, y) => ((byte)90, (byte)90, (byte)90)).Image);
        var split = PhotoFeatures.Measure(Framed((x, y) => x < 32 ? ((byte)255, (byte)0, (byte)0) : ((byte)0, (byte)255, (byte)0)).Image);

        Assert.Equal(0, grey.Colourfulness, 3);
        Assert.True(split.Colourfulness > 59, $"colourfulness {split.Colourfulness}");
    }
}
