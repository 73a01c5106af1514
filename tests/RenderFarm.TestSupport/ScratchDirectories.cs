namespace RenderFarm.TestSupport;

/// <summary>
/// Folders that tests write their files into (manifests, broken models, large photos): all under one folder per test
/// process, which goes when the process ends, so a run of the suite leaves nothing behind in the temp directory.
/// </summary>
public static class ScratchDirectories
{
    static readonly Lazy<string> Root = new(() =>
    {
        var root = Directory.CreateTempSubdirectory($"renderfarm-tests-{Environment.ProcessId}-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(root);
        return root;
    });

    /// <summary>A new empty folder whose name starts with <paramref name="prefix"/>.</summary>
    public static string New(string prefix) =>
        Directory.CreateDirectory(Path.Combine(Root.Value, $"{prefix}{Guid.NewGuid():N}")).FullName;

    static void Remove(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The process is ending: say so where the test run's output shows it, and leave the folder.
            Console.Error.WriteLine($"Could not remove the tests' scratch folder {root}: {ex.Message}");
        }
    }
}
