using System.Text.Json.Nodes;

namespace RenderFarm.TestSupport;

/// <summary>
/// Manifests for tests: some painters of the repo's manifests (the product's models/manifest.json and the drop-in
/// fast-neural-style examples in models/manifest.neural.json), written to a temporary file with the stylizer the
/// artworks need.
/// </summary>
public static class TestManifests
{
    public static string Only(params string[] painters)
    {
        var product = JsonNode.Parse(File.ReadAllText(SharedData.RepoManifest))!;
        var neural = JsonNode.Parse(File.ReadAllText(SharedData.NeuralManifest))!;
        var all = product["painters"]!.AsArray().Concat(neural["painters"]!.AsArray());
        var kept = new JsonArray(all.Where(p => painters.Contains(p!["name"]!.GetValue<string>())).Select(p => p!.DeepClone()).ToArray());
        if (kept.Count != painters.Length)
            throw new ArgumentException($"the repo manifests lack one of {string.Join(", ", painters)}");
        var manifest = new JsonObject { ["painters"] = kept };
        if (product["stylizer"] is { } stylizer)
            manifest["stylizer"] = stylizer.DeepClone();
        var path = Path.Combine(Directory.CreateTempSubdirectory("renderfarm-manifest-").FullName, "manifest.json");
        File.WriteAllText(path, manifest.ToJsonString());
        return path;
    }
}
