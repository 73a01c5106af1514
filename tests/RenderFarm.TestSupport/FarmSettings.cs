namespace RenderFarm.TestSupport;

/// <summary>Settings that make Gateway, Worker and Gallery hosts one farm: a private paint queue and the same painters.</summary>
public static class FarmSettings
{
    /// <summary>A farm with only one painter of the repo manifest (fast to warm up), optionally on a smaller or larger canvas.</summary>
    public static Dictionary<string, string?> OnlyPainter(string painter, int? canvasWidth = null, int? canvasHeight = null) =>
        OnlyPainters([painter], canvasWidth, canvasHeight);

    /// <summary>A farm with some painters of the repo manifests (in the manifests' order), optionally on a smaller or larger canvas.</summary>
    public static Dictionary<string, string?> OnlyPainters(IReadOnlyCollection<string> painters, int? canvasWidth = null, int? canvasHeight = null)
    {
        var settings = Create(TestManifests.Only([.. painters]), SharedData.RepoModels, SharedData.Models, SharedData.Styles);
        if (canvasWidth is { } width) settings["Canvas:Width"] = width.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (canvasHeight is { } height) settings["Canvas:Height"] = height.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }

    public static Dictionary<string, string?> Create(string? manifest = null, params string[] modelDirectories)
    {
        var dirs = modelDirectories.Length > 0 ? modelDirectories : [SharedData.RepoModels, SharedData.Models, SharedData.Styles];
        var settings = new Dictionary<string, string?>
        {
            // Each test farm has its own queue, so farms with different painters never take each other's jobs.
            ["Bus:PaintQueue"] = $"paint-portrait-test-{Guid.NewGuid():N}",
            ["Painters:Manifest"] = manifest ?? SharedData.RepoManifest,
            // In-process clients all look alike to the rate limiter; tests of the limits set their own.
            ["RateLimiting:UploadsPerWindow"] = "1000000",
            ["RateLimiting:ReadsPerWindow"] = "1000000",
            ["RateLimiting:ClientKeySecret"] = "test-farm-client-key-secret",
        };
        for (var i = 0; i < dirs.Length; i++)
            settings[$"Painters:ModelDirectories:{i}"] = dirs[i];
        return settings;
    }
}
