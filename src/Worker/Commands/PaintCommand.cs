using System.Globalization;
using RenderFarm.Worker.Pipeline;
using SkiaSharp;

namespace RenderFarm.Worker.Commands;

/// <summary>
/// `paint photo.jpg -o portrait.jpg [--style auto|NAME] [--models DIR]... [--manifest FILE] [--provider auto|cpu|cuda]`:
/// the farm's own decode → face → frame → style → paint → encode, in this process, no services.
/// </summary>
public static class PaintCommand
{
    public const string Usage = "paint <photo> [-o portrait.jpg] [--style auto|NAME] [--models DIR]... [--manifest FILE] [--provider auto|cpu|cuda]";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        CommandLine line;
        try
        {
            line = new CommandLine(args, "-o", "--output", "--style", "--models", "--manifest", "--provider");
        }
        catch (ArgumentException ex)
        {
            await stderr.WriteLineAsync($"error: invalid_arguments: {ex.Message}\nusage: {Usage}");
            return 2;
        }
        if (line.Positionals.Count != 1)
        {
            await stderr.WriteLineAsync($"error: invalid_arguments: give exactly one photo\nusage: {Usage}");
            return 2;
        }
        var input = line.Positionals[0];
        if (!File.Exists(input))
        {
            await stderr.WriteLineAsync($"error: input_not_found: no file at {input}");
            return 2;
        }
        var output = line.Get("-o") ?? line.Get("--output") ?? Path.ChangeExtension(Path.GetFileName(input), ".painted.jpg");
        var style = line.Get("--style") ?? "auto";

        using var host = StudioHost.Build(line.Get("--manifest"), line.GetAll("--models"), line.Get("--provider"));
        var studio = host.Services.GetRequiredService<PortraitStudio>();
        var stages = new StageTimer();
        StudioResult result;
        try
        {
            result = await studio.PaintAsync(await File.ReadAllBytesAsync(input), style, stages, CancellationToken.None);
        }
        catch (PortraitJobException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Code}: {ex.Message}");
            return 1;
        }

        await File.WriteAllBytesAsync(output, result.Painting.Image);
        using var codec = SKCodec.Create(new MemoryStream(result.Painting.Image));
        var timings = string.Join(", ", stages.TimingsMs.Select(t => $"{t.Key} {t.Value.ToString("F0", CultureInfo.InvariantCulture)} ms"));
        await stdout.WriteLineAsync($"style:    {result.Style.Style}");
        await stdout.WriteLineAsync($"reason:   {result.Style.Reason}");
        await stdout.WriteLineAsync($"face:     {(result.Face is null ? "none" : result.Face.ToString())}");
        await stdout.WriteLineAsync($"framing:  {result.Framing}");
        await stdout.WriteLineAsync($"figure:   {result.Figure}");
        await stdout.WriteLineAsync($"timings:  {timings}");
        await stdout.WriteLineAsync($"wrote:    {output} ({codec.Info.Width}x{codec.Info.Height} JPEG, {result.Painting.Image.Length / 1024} KiB)");
        return 0;
    }
}
