using System.Text.Json;

namespace RenderFarm.ServiceDefaults;

/// <summary>models/manifest.json: the painters the farm knows about.</summary>
public sealed record PainterManifest(IReadOnlyList<PainterDescriptor> Painters)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    public static PainterManifest Load(string path)
    {
        using var stream = System.IO.File.OpenRead(path);
        return JsonSerializer.Deserialize<PainterManifest>(stream, Json)
               ?? throw new InvalidDataException($"Painter manifest {path} is empty.");
    }
}
