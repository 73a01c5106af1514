namespace RenderFarm.Benchmarks;

/// <summary>
/// This process's CPU seconds by thread name (Linux /proc/self/task), so a bench can say which threads spent it: the
/// stage threads, the painter, the runtime's own, and those a native library started (CUDA's, ONNX Runtime's).
/// Threads of one name are summed; a thread that ended between two snapshots takes its count with it.
/// </summary>
public sealed class ThreadCpu(IReadOnlyDictionary<int, (string Name, double Seconds)> byThread)
{
    IReadOnlyDictionary<int, (string Name, double Seconds)> ByThread { get; } = byThread;

    public static ThreadCpu Take()
    {
        var threads = new Dictionary<int, (string, double)>();
        if (!OperatingSystem.IsLinux()) return new ThreadCpu(threads);
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                threads[int.Parse(Path.GetFileName(task))] = (File.ReadAllText(Path.Combine(task, "comm")).Trim(),
                    CpuAccount.CpuSeconds(Path.Combine(task, "stat")));
            }
            catch (IOException)
            {
                // the thread ended between listing and reading
            }
        }
        return new ThreadCpu(threads);
    }

    /// <summary>CPU seconds by thread name between <paramref name="earlier"/> and this snapshot.</summary>
    public IReadOnlyDictionary<string, double> Minus(ThreadCpu earlier)
    {
        var byName = new Dictionary<string, double>();
        foreach (var (tid, (name, seconds)) in ByThread)
        {
            var before = earlier.ByThread.TryGetValue(tid, out var then) && then.Name == name && then.Seconds <= seconds ? then.Seconds : 0;
            byName[name] = byName.GetValueOrDefault(name) + seconds - before;
        }
        return byName;
    }
}
