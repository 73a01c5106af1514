using System.Text.Json.Nodes;

namespace RenderFarm.TestSupport;

/// <summary>Manifests for tests: the repo's manifest cut down to some painters, written to a temporary file.</summary>
public static class TestManifests
{
    public static string Only(params string[] painters)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(SharedData.RepoManifest))!;
        var all = manifest["painters"]!.AsArray();
        var kept = new JsonArray(all.Where(p => painters.Contains(p!["name"]!.GetValue<string>())).Select(p => p!.DeepClone()).ToArray());
        if (kept.Count != painters.Length)
            throw new ArgumentException($"the repo manifest lacks one of {string.Join(", ", painters)}");
        var path = Path.Combine(Directory.CreateTempSubdirectory("renderfarm-manifest-").FullName, "manifest.json");
        File.WriteAllText(path, new JsonObject { ["painters"] = kept }.ToJsonString());
        return path;
    }
}
