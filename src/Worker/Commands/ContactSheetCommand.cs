using System.CommandLine;
using RenderFarm.Farm.Painters;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Pipeline;

namespace RenderFarm.Worker.Commands;

/// <summary>
/// `contact-sheet [-o docs/styles.png] [--faces DIR] [--models DIR]... [--manifest FILE]`: one row per face photo,
/// the photo as the farm frames it, then the portrait every painter makes of it through the whole studio (cut out,
/// seated on its ground, painted, tone kept).
/// </summary>
public static class ContactSheetCommand
{
    static readonly string[] Faces = ["astronaut.png", "kodim04.png", "kodim18.png", "hopper.jpg", "camera.png", "kodim12.png"];

    public static Command Create()
    {
        var output = new Option<string>("--output", "-o") { Description = "The PNG to write", DefaultValueFactory = _ => "docs/styles.png" };
        var faces = new Option<string?>("--faces") { Description = "Directory of the test faces (default: $RENDERFARM_SHARED/testdata/faces)" };
        var studio = new StudioOptions();
        var command = new Command("contact-sheet", "Paint the six test faces in every style into one PNG (docs/styles.png)") { output, faces };
        studio.AddTo(command);
        command.SetAction((result, cancellationToken) => RunAsync(result, result.GetValue(output)!, result.GetValue(faces), studio));
        return command;
    }

    static async Task<int> RunAsync(ParseResult parsed, string output, string? facesDir, StudioOptions studioOptions)
    {
        var stdout = parsed.InvocationConfiguration.Output;
        facesDir ??= Path.Combine(ModelDirectories.SharedRoot(Environment.GetEnvironmentVariable), "testdata", "faces");
        using var host = studioOptions.Build(parsed);
        var services = host.Services;
        var decoder = services.GetRequiredService<SourceDecoder>();
        var detector = services.GetRequiredService<FaceDetector>();
        var framer = services.GetRequiredService<PortraitFramer>();
        var studio = services.GetRequiredService<PortraitStudio>();
        var painters = services.GetRequiredService<PainterCatalog>().Painters.Where(p => !p.IsExternal).ToList();

        var rows = new List<IReadOnlyList<RgbaImage>>();
        foreach (var face in Faces)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(facesDir, face));
            var photo = decoder.Decode(bytes);
            var cells = new List<RgbaImage> { framer.Frame(photo, detector.Detect(photo)).Image };
            foreach (var painter in painters)
            {
                var result = await studio.PaintAsync(bytes, painter.Name, new StageTimer(), CancellationToken.None);
                cells.Add(decoder.Decode(result.Painting.Image));
            }
            rows.Add(cells);
            await stdout.WriteLineAsync($"{face}: painted in {painters.Count} styles");
        }
        (string, string)[] columns = [("photo", "framed"), .. painters.Select(p => (p.Name, p.IsArtwork ? $"{p.Artist}, {p.Medium}" : p.Medium))];
        ContactSheet.Write(output, columns, rows);
        await stdout.WriteLineAsync($"wrote {output}: rows {string.Join(", ", Faces)}; columns {string.Join(", ", columns.Select(c => c.Item1))}");
        return 0;
    }
}
