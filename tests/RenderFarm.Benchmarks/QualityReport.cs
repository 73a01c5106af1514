using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RenderFarm.Farm.Painters;
using RenderFarm.PortraitQuality;
using RenderFarm.Worker.Commands;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Painting;

namespace RenderFarm.Benchmarks;

/// <summary>
/// `./farm quality [--manifest FILE] [--styles a,b] [--sheet docs/styles.png] [--out FILE]` (`./farm bench quality` the same): paints the shared faces
/// with every style and prints one row per style — faces still found, centre offset, likeness, skin lightness shift,
/// grey SSIM, ms per portrait — then the per-face detail, and optionally a contact sheet (faces × styles).
/// </summary>
public static class QualityReport
{
    public static Command Create()
    {
        var manifest = new Option<string?>("--manifest") { Description = "A painters' manifest instead of the repo's models/manifest.json" };
        var styles = new Option<string[]?>("--styles")
        {
            Description = "Only these styles, comma-separated",
            CustomParser = result => result.Tokens[0].Value.Split(',', StringSplitOptions.RemoveEmptyEntries),
            Arity = ArgumentArity.ExactlyOne,
        };
        var sheet = new Option<string?>("--sheet") { Description = "Also write a contact sheet (faces × styles) to this PNG" };
        var output = new Option<string?>("--out") { Description = "Also write the report to this file" };
        var command = new Command("quality", "Paint the shared faces with every style and measure likeness, skin tone and detail") { manifest, styles, sheet, output };
        // Without --styles the parser gives an empty list, not null: every style then.
        command.SetAction(result => RunAsync(result.GetValue(manifest), result.GetValue(styles) is { Length: > 0 } named ? named : null,
            result.GetValue(sheet), result.GetValue(output)));
        return command;
    }

    static async Task<int> RunAsync(string? manifest, string[]? only, string? sheet, string? output)
    {
        var report = new StringBuilder();
        void Say(string line = "")
        {
            Console.WriteLine(line);
            report.AppendLine(line);
        }
        static string F(double v, int digits) => double.IsNaN(v) ? "–" : v.ToString($"F{digits}", CultureInfo.InvariantCulture);

        using var run = new QualityRun(manifest);
        var styles = run.Styles.Where(s => only is null || only.Contains(s.Name)).ToList();
        Say($"# Portrait quality, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Say();
        Say($"- {Environment.ProcessorCount} cores, CPU execution provider; sitters: {string.Join(", ", run.Sitters.Select(s => s.Name))}");
        Say("- found: UltraFace finds the sitter's face in the painting; offset: its centre from the photo's, in face widths;");
        Say("  likeness: cosine of faceres descriptors, photo vs painting; |ΔL*|: skin lightness shift of the face (worst sitter);");
        Say("  SSIM: grey SSIM against the framed photo (1 = the photo itself); ms: studio stages per portrait on this CPU");
        Say();
        Say("| style | after | medium | found | offset | likeness median (worst) | worst \\|ΔL*\\| | SSIM | paint ms | segment ms | tone ms | total ms |");
        Say("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var results = new List<StyleQuality>();
        var paintings = new Dictionary<(string Style, string Sitter), RgbaImage>();
        foreach (var style in styles)
        {
            var quality = await run.MeasureAsync(style, (sitter, painting) => paintings[(style.Name, sitter.Name)] = painting);
            results.Add(quality);
            var stages = new[] { "decode", "detect", "frame", "segment", "style", "ground", "paint", "tone", "encode" };
            Say($"| {style.Name} | {(style.IsArtwork ? $"{style.Artist}, *{style.Title}* ({style.Year})" : "–")} | {style.Medium} | " +
                $"{quality.FacesFound}/{quality.Faces.Count} | {F(quality.MeanCentreOffset, 2)} | {F(quality.MedianLikeness, 2)} ({F(quality.WorstLikeness, 2)}) | " +
                $"{F(quality.WorstLightnessShift, 1)} | {F(quality.MeanSsim, 2)} | {F(quality.MeanStageMs("paint"), 0)} | " +
                $"{F(quality.MeanStageMs("segment"), 0)} | {F(quality.MeanStageMs("tone"), 0)} | {F(stages.Sum(quality.MeanStageMs), 0)} |");
        }
        Say();
        Say("Per sitter (found · likeness · ΔL* · SSIM):");
        Say();
        Say($"| style | {string.Join(" | ", run.Sitters.Select(s => s.Name))} |");
        Say($"|---|{string.Concat(run.Sitters.Select(_ => "---|"))}");
        foreach (var quality in results)
            Say($"| {quality.Style} | {string.Join(" | ", quality.Faces.Select(f => $"{(f.FaceFound ? "✓" : "✗")} {F(f.Likeness, 2)} {(f.LightnessShift >= 0 ? "+" : "")}{F(f.LightnessShift, 1)} {F(f.Ssim, 2)}"))} |");

        if (run.Catalog.Stylizer is { } stylizer)
        {
            Say();
            Say("Stylizer alone (one artwork's style code shared by the batch), 512×640 portraits on this CPU:");
            Say();
            Say("| batch | ms per portrait |");
            Say("|---:|---:|");
            foreach (var (batch, ms) in StylizerBatches(stylizer, run.Sitters[0].Framed))
                Say($"| {batch} | {F(ms, 0)} |");
        }

        if (sheet is not null)
        {
            WriteSheet(sheet, run, results, paintings);
            Say();
            Say($"Contact sheet: {sheet}");
        }
        if (output is not null)
            await File.WriteAllTextAsync(output, report.ToString());
        return 0;
    }

    /// <summary>Milliseconds per portrait of the bare stylizer at batch 1, 2 and 4 (8 portraits each, after a warm-up run).</summary>
    static IEnumerable<(int Batch, double Ms)> StylizerBatches(StylizerPaths paths, RgbaImage portrait)
    {
        var sessions = new SessionFactory(Options.Create(new ExecutionOptions { Provider = "cpu" }), NullLogger<SessionFactory>.Instance);
        using var stylizer = new Stylizer(paths, sessions);
        var code = new float[8 * 64];
        stylizer.Paint([portrait], code);
        foreach (var batch in new[] { 1, 2, 4 })
        {
            var images = Enumerable.Repeat(portrait, batch).ToList();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            for (var i = 0; i < 8 / batch; i++)
                stylizer.Paint(images, code);
            yield return (batch, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds / 8);
        }
    }

    /// <summary>One row per sitter: the framed photo, then each style's painting.</summary>
    static void WriteSheet(string path, QualityRun run, List<StyleQuality> results, Dictionary<(string, string), RgbaImage> paintings)
    {
        (string, string)[] columns = [("photo", "framed"), .. results.Select(r => (r.Style, r.Medium))];
        var rows = run.Sitters.Select(s => (IReadOnlyList<RgbaImage>)[s.Framed, .. results.Select(r => paintings[(r.Style, s.Name)])]).ToList();
        ContactSheet.Write(path, columns, rows);
    }
}
