using RenderFarm.ServiceDefaults;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Pipeline;
using SkiaSharp;

namespace RenderFarm.Worker.Commands;

/// <summary>
/// `contact-sheet [-o docs/styles.png] [--faces DIR] [--models DIR]...`: a grid with one row per face photo
/// (framed as the farm frames it) and one column per painter, the framed photo first.
/// </summary>
public static class ContactSheetCommand
{
    static readonly string[] Faces = ["astronaut.png", "kodim04.png", "hopper.jpg", "camera.png"];
    const int CellWidth = 192, CellHeight = 240, Gap = 6, LabelHeight = 22;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var line = new CommandLine(args, "-o", "--faces", "--models", "--manifest");
        var output = line.Get("-o") ?? "docs/styles.png";
        var facesDir = line.Get("--faces") ?? Path.Combine("..", "shared", "testdata", "faces");
        using var host = StudioHost.Build(line.Get("--manifest"), line.GetAll("--models"));
        var services = host.Services;
        var decoder = services.GetRequiredService<SourceDecoder>();
        var detector = services.GetRequiredService<FaceDetector>();
        var framer = services.GetRequiredService<PortraitFramer>();
        var registry = services.GetRequiredService<PainterRegistry>();
        var painters = services.GetRequiredService<PainterCatalog>().Painters.OrderBy(p => p.Medium == "neural").ThenBy(p => p.Name).ToList();

        var columns = painters.Count + 1;
        var info = new SKImageInfo(columns * (CellWidth + Gap) + Gap, Faces.Length * (CellHeight + Gap) + Gap + LabelHeight);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor(0xF4, 0xF1, 0xEA));
        using var font = new SKFont(SKTypeface.Default, 14);
        using var ink = new SKPaint { Color = new SKColor(0x33, 0x2E, 0x28), IsAntialias = true };
        string[] labels = ["photo", .. painters.Select(p => p.Name)];
        for (var c = 0; c < columns; c++)
            canvas.DrawText(labels[c], Gap + c * (CellWidth + Gap) + 4, LabelHeight - 6, font, ink);

        for (var row = 0; row < Faces.Length; row++)
        {
            var photo = decoder.Decode(await File.ReadAllBytesAsync(Path.Combine(facesDir, Faces[row])));
            var framed = framer.Frame(photo, detector.Detect(photo));
            var cells = new List<RgbaImage> { framed.Image };
            foreach (var painter in painters)
            {
                registry.TryGet(painter.Name, out var onnx);
                cells.Add(await onnx.PaintAsync(framed.Image, CancellationToken.None));
            }
            for (var c = 0; c < cells.Count; c++)
            {
                using var image = ToSkImage(cells[c]);
                var dest = SKRect.Create(Gap + c * (CellWidth + Gap), LabelHeight + Gap + row * (CellHeight + Gap), CellWidth, CellHeight);
                canvas.DrawImage(image, dest, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
            }
            await stdout.WriteLineAsync($"{Faces[row]}: {framed.Framing}");
        }

        using var snapshot = surface.Snapshot();
        using var png = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllBytesAsync(output, png.ToArray());
        await stdout.WriteLineAsync($"wrote {output}: rows {string.Join(", ", Faces)}; columns {string.Join(", ", labels)}");
        return 0;
    }

    static SKImage ToSkImage(RgbaImage image)
    {
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        return SKImage.FromPixelCopy(info, image.Pixels);
    }
}
