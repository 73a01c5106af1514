using Microsoft.Extensions.Options;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Pipeline;

namespace RenderFarm.Worker.Tests.Pipeline;

public class PortraitFramerTests
{
    readonly PortraitFramer framer = new(Options.Create(new CanvasOptions { Width = 512, Height = 640 }));
    readonly SourceDecoder decoder = new();

    [Theory]
    [InlineData("astronaut.png")]  // square
    [InlineData("kodim04.png")]    // tall
    [InlineData("kodim12.png")]    // wide
    [InlineData("hopper.jpg")]     // tiny: scaled up
    public async Task Fits_any_photo_to_the_portrait_canvas(string file)
    {
        var photo = decoder.Decode(await File.ReadAllBytesAsync(SharedData.Face(file)));

        var framed = framer.Frame(photo);

        Assert.Equal((512, 640), (framed.Image.Width, framed.Image.Height));
        Assert.Contains("crop", framed.Framing);
    }

    [Fact]
    public async Task Centred_crop_keeps_the_middle_of_a_wide_photo()
    {
        var photo = decoder.Decode(await File.ReadAllBytesAsync(SharedData.Face("kodim12.png"))); // 768x512

        var framed = framer.Frame(photo);

        // 4:5 of a 512-high photo is 410 wide, centred: x from 179.
        Assert.Equal("centred crop 410x512 at (179,0)", framed.Framing);
    }
}
