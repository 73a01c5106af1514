namespace RenderFarm.TestSupport;

/// <summary>
/// The read-only models and test images beside the checkout (../shared), or where RENDERFARM_SHARED points.
/// Tests read them in place; nothing is copied into the repo.
/// </summary>
public static class SharedData
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Root { get; } = Environment.GetEnvironmentVariable("RENDERFARM_SHARED") is { Length: > 0 } configured
        ? Path.GetFullPath(configured)
        : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string Models => Path.Combine(Root, "models");
    public static string Styles => Path.Combine(Root, "styles");
    public static string Face(string name) => Path.Combine(Root, "testdata", "faces", name);
    public static string Exif(string name) => Path.Combine(Root, "testdata", "exif", name);
    public static string Edge(string name) => Path.Combine(Root, "testdata", "edge", name);
    public static string Reference(string style) => Path.Combine(Models, "reference", $"fns-{style}-astronaut.png");

    public static string RepoManifest => Path.Combine(RepoRoot, "models", "manifest.json");
    public static string NeuralManifest => Path.Combine(RepoRoot, "models", "manifest.neural.json");
    public static string RepoModels => Path.Combine(RepoRoot, "models");

    static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RenderFarm.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException("RenderFarm.sln not found above the test binaries.");
    }
}
