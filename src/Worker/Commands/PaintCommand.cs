using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RenderFarm.Contracts;
using RenderFarm.Farm.Uploads;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Pipeline;

namespace RenderFarm.Worker.Commands;

/// <summary>
/// `paint PHOTO... [-o FILE|DIR] [--style auto|NAME] [--models DIR]... [--manifest FILE] [--provider auto|cpu|cuda]`:
/// the farm's own decode → face → frame → style → paint → encode, in this process, no services. Several photos are
/// painted one after the other with a progress line each; a photo that fails is reported with the API's error code
/// (a file that is no image: unsupported_format) and the others go on. Exit 0 when all were painted, 1 otherwise.
/// </summary>
public static class PaintCommand
{
    public static Command Create()
    {
        var photos = new Argument<FileInfo[]>("photo") { Description = "Photos to paint (JPEG, PNG, WebP or GIF)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "For one photo the JPEG to write, for several a directory (default: NAME.painted.jpg here)",
        };
        var style = new Option<string>("--style") { Description = "auto (chosen from the photo) or a painter's name", DefaultValueFactory = _ => "auto" };
        var studio = new StudioOptions();
        var command = new Command("paint", "Paint photos as portraits, in this process, with no services") { photos, output, style };
        studio.AddTo(command);
        command.SetAction((result, cancellationToken) => RunAsync(result, result.GetValue(photos)!, result.GetValue(output), result.GetValue(style)!, studio, cancellationToken));
        return command;
    }

    static async Task<int> RunAsync(ParseResult parsed, FileInfo[] photos, string? output, string style, StudioOptions studioOptions, CancellationToken cancellationToken)
    {
        var (stdout, stderr) = (parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error);
        using var host = studioOptions.Build(parsed);
        var studio = host.Services.GetRequiredService<PortraitStudio>();
        var painted = 0;
        for (var i = 0; i < photos.Length; i++)
        {
            var photo = photos[i];
            var target = TargetPath(photo, output, photos.Length);
            var progress = photos.Length > 1 ? $"[{i + 1}/{photos.Length}] " : "";
            await stdout.WriteLineAsync($"{progress}{photo.Name}");
            try
            {
                var result = await PaintOneAsync(studio, photo, style, cancellationToken);
                if (Path.GetDirectoryName(target) is { Length: > 0 } directory) Directory.CreateDirectory(directory);
                await File.WriteAllBytesAsync(target, result.Studio.Painting.Image, cancellationToken);
                await stdout.WriteLineAsync(Describe(result, target));
                painted++;
            }
            catch (PortraitJobException ex)
            {
                await stderr.WriteLineAsync($"{progress}{photo.Name}: error: {ex.Code}: {ex.Message}");
            }
        }
        await stdout.WriteLineAsync($"provider: {host.Services.GetRequiredService<SessionFactory>().ProviderInUse}; painted {painted} of {photos.Length}");
        return painted == photos.Length ? 0 : 1;
    }

    static async Task<(StudioResult Studio, StageTimer Stages, double Seconds)> PaintOneAsync(PortraitStudio studio, FileInfo photo, string style, CancellationToken cancellationToken)
    {
        if (!photo.Exists)
            throw new PortraitJobException(ErrorCodes.NotFound, $"No file at {photo.FullName}.");
        var bytes = await File.ReadAllBytesAsync(photo.FullName, cancellationToken);
        // As the Gateway answers an upload: a file that is no image at all is an unsupported format, not a bad decode.
        if (!ImageSignature.IsPaintable(bytes))
            throw new PortraitJobException(ErrorCodes.UnsupportedFormat, "The file is not a JPEG, PNG, WebP or GIF image.");
        var stages = new StageTimer();
        var started = Stopwatch.GetTimestamp();
        var result = await studio.PaintAsync(bytes, style, stages, cancellationToken);
        return (result, stages, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    static string TargetPath(FileInfo photo, string? output, int count)
    {
        var name = Path.ChangeExtension(photo.Name, ".painted.jpg");
        return count == 1 ? output ?? name : Path.Combine(output ?? ".", name);
    }

    static string Describe((StudioResult Studio, StageTimer Stages, double Seconds) painted, string target)
    {
        var (result, stages, seconds) = painted;
        var timings = string.Join(", ", stages.TimingsMs.Select(t => $"{t.Key} {t.Value.ToString("F0", CultureInfo.InvariantCulture)} ms"));
        return string.Join(Environment.NewLine,
            $"  style:    {result.Style.Style}",
            $"  reason:   {result.Style.Reason}",
            $"  face:     {(result.Face is null ? "none" : result.Face.ToString())}",
            $"  framing:  {result.Framing}",
            $"  figure:   {result.Figure}",
            $"  timings:  {timings}",
            $"  wrote:    {target} (JPEG, {result.Painting.Image.Length / 1024} KiB, {seconds.ToString("F1", CultureInfo.InvariantCulture)} s)");
    }
}
