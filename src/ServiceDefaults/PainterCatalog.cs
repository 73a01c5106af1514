using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RenderFarm.ServiceDefaults;

/// <summary>The manifest joined with the files on disk: which painters this process can offer, and where each file is.</summary>
public sealed class PainterCatalog
{
    readonly Dictionary<string, (PainterDescriptor Painter, string Path)> available = new(StringComparer.OrdinalIgnoreCase);

    public PainterCatalog(IOptions<PainterOptions> options, ILogger<PainterCatalog> logger)
    {
        var settings = options.Value;
        var manifest = PainterManifest.Load(Path.GetFullPath(settings.Manifest));
        var manifestDir = Path.GetDirectoryName(Path.GetFullPath(settings.Manifest))!;
        var directories = settings.ModelDirectories.Append(manifestDir).Select(Path.GetFullPath).Distinct().ToList();
        foreach (var painter in manifest.Painters)
        {
            var path = painter.Medium == "simulated"
                ? ""
                : ModelFiles.Find(directories, painter.File);
            if (path is null)
            {
                logger.LogInformation("Painter {Painter} unavailable: {File} is in none of the model directories", painter.Name, painter.File);
                continue;
            }
            available[painter.Name] = (painter, path);
        }
        DefaultStyle = available.ContainsKey(settings.DefaultStyle)
            ? settings.DefaultStyle
            : available.Keys.Order(StringComparer.Ordinal).FirstOrDefault();
    }

    public IEnumerable<PainterDescriptor> Painters => available.Values.Select(v => v.Painter).OrderBy(p => p.Name, StringComparer.Ordinal);

    public string? DefaultStyle { get; }

    public bool TryGet(string name, out PainterDescriptor painter, out string path)
    {
        if (available.TryGetValue(name, out var entry))
        {
            (painter, path) = entry;
            return true;
        }
        painter = null!;
        path = "";
        return false;
    }

    public bool Contains(string name) => available.ContainsKey(name);
}
