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
        var path = Path.Combine(ScratchDirectories.New("renderfarm-manifest-"), "manifest.json");
        File.WriteAllText(path, manifest.ToJsonString());
        return path;
    }

    /// <summary>
    /// udnie and "broken": a real model whose manifest entry names an output it does not have, so ONNX Runtime throws on
    /// every run (painter_failed). Model directory: <see cref="SharedData.Models"/>.
    /// </summary>
    public static string WithBrokenPainter()
    {
        var dir = ScratchDirectories.New("renderfarm-broken-");
        var manifest = Path.Combine(dir, "manifest.json");
        File.WriteAllText(manifest, """
            { "painters": [
              { "name": "udnie", "medium": "neural", "file": "fns-udnie.onnx",
                "sha256": "c12e5f96a6ae08aa26c79e3588d23474c1995e338739352364a3fe3ba4b794ef" },
              { "name": "broken", "medium": "neural", "file": "fns-udnie.onnx", "outputName": "no-such-output",
                "sha256": "c12e5f96a6ae08aa26c79e3588d23474c1995e338739352364a3fe3ba4b794ef" } ] }
            """);
        return manifest;
    }
}
