using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RenderFarm.Farm.Painters;

/// <summary>
/// The manifest joined with the files on disk: which painters this process can offer, and where each file is. An
/// artwork painter is offered only where its image and both stylizer files are found.
/// </summary>
public sealed class PainterCatalog
{
    readonly Dictionary<string, (PainterDescriptor Painter, string Path)> available = new(StringComparer.OrdinalIgnoreCase);
    readonly List<PainterDescriptor> inManifestOrder = [];

    public PainterCatalog(IOptions<PainterOptions> options, ILogger<PainterCatalog> logger)
    {
        var settings = options.Value;
        var manifest = PainterManifest.Load(Path.GetFullPath(settings.Manifest));
        var manifestDir = Path.GetDirectoryName(Path.GetFullPath(settings.Manifest))!;
        var directories = settings.ModelDirectories.Append(manifestDir).Select(Path.GetFullPath).Distinct().ToList();
        if (manifest.Stylizer is { } stylizer)
        {
            var encoder = ModelFiles.Find(directories, stylizer.Encoder.File);
            var network = ModelFiles.Find(directories, stylizer.Stylizer.File);
            if (encoder is not null && network is not null)
                Stylizer = new StylizerPaths(stylizer, encoder, network);
            else
                logger.StylizerMissing(stylizer.Encoder.File, stylizer.Stylizer.File);
        }
        foreach (var painter in manifest.Painters)
        {
            var path = painter.IsExternal ? "" : ModelFiles.Find(directories, painter.File);
            if (path is null || (painter.IsArtwork && Stylizer is null))
            {
                logger.PainterMissing(painter.Name, painter.File);
                continue;
            }
            available[painter.Name] = (painter, path);
            inManifestOrder.Add(painter);
        }
        DefaultStyle = available.ContainsKey(settings.DefaultStyle)
            ? settings.DefaultStyle
            : inManifestOrder.FirstOrDefault()?.Name;
    }

    /// <summary>Every painter this process can offer, in the manifest's order (its curators' order).</summary>
    public IReadOnlyList<PainterDescriptor> Painters => inManifestOrder;

    /// <summary>The artwork painters this process can offer, in the manifest's order.</summary>
    public IEnumerable<PainterDescriptor> Artworks => Painters.Where(p => p.IsArtwork);

    /// <summary>The stylizer's files on disk, or null when artworks cannot be painted here.</summary>
    public StylizerPaths? Stylizer { get; }

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
