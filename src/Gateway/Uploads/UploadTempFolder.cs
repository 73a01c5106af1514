namespace RenderFarm.Gateway.Uploads;

/// <summary>
/// Where ASP.NET Core buffers multipart bodies over 64 KiB (ASPNETCORE_TEMP): a folder of this process's own, under
/// TMPDIR/renderfarm-uploads/PID. ASP.NET Core deletes a request's file when the request ends; a process that dies
/// (OOM-killed, SIGKILL) cannot, and in Kubernetes /tmp is an emptyDir that outlives the container. So at start-up
/// the folders of processes that no longer run are deleted, and so is this PID's (a restarted container is PID 1
/// again): no photo buffered by a dead Gateway survives its restart.
/// </summary>
public static class UploadTempFolder
{
    public static string Prepare()
    {
        var root = Path.Combine(Path.GetTempPath(), "renderfarm-uploads");
        DeleteLeftovers(root);
        var own = Directory.CreateDirectory(Path.Combine(root, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture))).FullName;
        // Read once, on the first buffered body, by ASP.NET Core's AspNetCoreTempDirectory.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEMP", own);
        return own;
    }

    /// <summary>
    /// Deletes the folders under <paramref name="root"/> of processes that no longer run, and this process's own.
    /// Gateways that start together (replicas on one node's emptyDir, a test run) sweep the same folders at once: a
    /// folder another one has just deleted is already what this one wanted.
    /// </summary>
    public static void DeleteLeftovers(string root)
    {
        Directory.CreateDirectory(root);
        foreach (var folder in Directory.EnumerateDirectories(root))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid) || (pid != Environment.ProcessId && IsRunning(pid))) continue;
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
                // Deleted by another Gateway between the listing and here.
            }
        }
    }

    static bool IsRunning(int pid) => OperatingSystem.IsLinux()
        ? Directory.Exists($"/proc/{pid}")
        : System.Diagnostics.Process.GetProcesses().Any(p => p.Id == pid);
}
