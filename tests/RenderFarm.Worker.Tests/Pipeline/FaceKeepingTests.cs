using Microsoft.Extensions.Options;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Pipeline;
using RenderFarm.Worker.Tests.Faces;
using Xunit.Abstractions;

namespace RenderFarm.Worker.Tests.Pipeline;

/// <summary>Every face photo the detector reads is framed around its face, and every painter leaves a face a detector still finds.</summary>
public class FaceKeepingTests(ITestOutputHelper output)
{
    static readonly string[] FacePhotos = Directory.GetFiles(Path.Combine(SharedData.Root, "testdata", "faces")).Order().ToArray();

    [Fact]
    public async Task Framing_puts_the_face_on_the_centre_line_in_the_upper_half_and_painters_keep_it()
    {
        using var detector = Detector.Create();
        using var registry = Painters.CreateRegistry();
        var decoder = new SourceDecoder();
        var framer = new PortraitFramer(Options.Create(new CanvasOptions()));
        var painters = registry.Catalog.Painters.Select(p => p.Name).ToList();
        var kept = painters.ToDictionary(p => p, _ => 0);
        var framedCount = 0;

        foreach (var path in FacePhotos)
        {
            var photo = decoder.Decode(await File.ReadAllBytesAsync(path));
            var faces = detector.Detect(photo);
            if (faces.Count == 0) continue;
            framedCount++;

            var framed = framer.Frame(photo, faces);
            var refound = detector.Detect(framed.Image).OrderByDescending(f => f.Area).FirstOrDefault();
            Assert.True(refound is not null, $"{Path.GetFileName(path)}: no face in the framed portrait");
            var (w, h) = (framed.Image.Width, framed.Image.Height);
            Assert.True(Math.Abs(refound.CentreX - w / 2f) < w * 0.12f, $"{Path.GetFileName(path)}: face {refound} is off the centre line");
            Assert.True(refound.CentreY < h / 2f, $"{Path.GetFileName(path)}: face {refound} is not in the upper half");

            foreach (var name in painters)
            {
                registry.TryGet(name, out var painter);
                var painted = await painter.PaintAsync(framed.Image, CancellationToken.None);
                if (detector.Detect(painted).Count > 0) kept[name]++;
                else output.WriteLine($"{name} lost the face of {Path.GetFileName(path)}");
            }
        }

        Assert.True(framedCount >= 5, $"only {framedCount} photos had a face");
        foreach (var (name, count) in kept)
            output.WriteLine($"face kept by {name}: {count}/{framedCount}");
        // Floors from measurement (docs/PAINTERS.md): the built-in painters are designed to keep faces and may lose at
        // most one (the profile in camera.png is the hard case); the pretrained neural styles repaint more boldly
        // (measured 4/6 to 6/6) and must keep at least 60%.
        foreach (var (name, count) in kept)
        {
            registry.Catalog.TryGet(name, out var descriptor, out _);
            var floor = descriptor.Medium == "neural" ? (int)Math.Ceiling(framedCount * 0.6) : framedCount - 1;
            Assert.True(count >= floor, $"{name} kept the face in only {count} of {framedCount} portraits (floor {floor})");
        }
    }
}
