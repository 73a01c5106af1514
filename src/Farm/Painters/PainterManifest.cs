using System.Text.Json;

namespace RenderFarm.Farm.Painters;

/// <summary>models/manifest.json: the painters the farm knows about, and the stylizer its artwork painters share.</summary>
public sealed record PainterManifest(IReadOnlyList<PainterDescriptor> Painters, StylizerFiles? Stylizer = null)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    public static PainterManifest Load(string path)
    {
        using var stream = System.IO.File.OpenRead(path);
        var manifest = JsonSerializer.Deserialize<PainterManifest>(stream, Json)
                       ?? throw new InvalidDataException($"Painter manifest {path} is empty.");
        if (manifest.Painters.Any(p => p.IsArtwork) && manifest.Stylizer is null)
            throw new InvalidDataException($"Painter manifest {path} lists artworks but no stylizer to paint them.");
        return manifest;
    }
}
