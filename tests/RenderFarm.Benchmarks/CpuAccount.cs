namespace RenderFarm.Benchmarks;

/// <summary>
/// CPU seconds used so far by each part of the farm on this machine (Linux /proc): the worker split into its painter
/// and its stage threads (and the runtime's tier-up compiler, which works for the first hundred or so jobs and then
/// falls silent), the benchmark process (which hosts the Gateway), RabbitMQ, Redis and Azurite.
/// Two snapshots subtracted say where a run's CPU went. A worker's threads are counted one by one, and a thread that
/// ends between the snapshots (the runtime retires idle thread-pool threads and its tier-up compiler's thread) takes its
/// count with it, so <see cref="Minus"/> compares thread by thread and puts what the worker process used beyond its
/// live threads under "worker: rest".
/// </summary>
/// <param name="Seconds">Each part's CPU seconds.</param>
/// <param name="WorkerThreads">Each worker thread's part and CPU seconds, by process and thread id.</param>
/// <param name="WorkerProcesses">Each worker process's CPU seconds, ended threads included.</param>
public sealed record CpuAccount(
    IReadOnlyDictionary<string, double> Seconds,
    IReadOnlyDictionary<(int Pid, int Tid), (string Part, double Seconds)> WorkerThreads,
    IReadOnlyDictionary<int, double> WorkerProcesses)
{
    static readonly double TicksPerSecond = 100; // USER_HZ on every Linux the farm runs on

    public static readonly string[] Parts = ["worker: painter", "worker: stage threads", "worker: rest", "worker: JIT tier-up", "bench + Gateway", "RabbitMQ", "Redis", "Azurite"];

    public static CpuAccount Take(int workerPid) => Take([workerPid]);

    public static CpuAccount Take(IReadOnlyCollection<int> workerPids)
    {
        var seconds = Parts.ToDictionary(p => p, _ => 0.0);
        var threads = new Dictionary<(int, int), (string, double)>();
        var processes = new Dictionary<int, double>();
        if (!OperatingSystem.IsLinux()) return new CpuAccount(seconds, threads, processes);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                if (workerPids.Contains(pid))
                {
                    processes[pid] = CpuSeconds(Path.Combine(dir, "stat"));
                    foreach (var task in Directory.EnumerateDirectories(Path.Combine(dir, "task")))
                    {
                        try
                        {
                            var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                            var part = name.StartsWith("stage") ? "worker: stage threads" : IsPainter(name) ? "worker: painter"
                                : name.StartsWith(".NET Tiered") ? "worker: JIT tier-up" : "worker: rest";
                            var used = CpuSeconds(Path.Combine(task, "stat"));
                            threads[(pid, int.Parse(Path.GetFileName(task)))] = (part, used);
                            seconds[part] += used;
                        }
                        catch (IOException)
                        {
                            // the thread ended between listing and reading: the process's own count keeps its time
                        }
                    }
                    continue;
                }
                var command = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                var owner = pid == Environment.ProcessId ? "bench + Gateway"
                    : command.Contains("beam.smp") ? "RabbitMQ"
                    : command.Contains("redis-server") ? "Redis"
                    : command.Contains("azurite") ? "Azurite"
                    : null;
                if (owner is not null) seconds[owner] += CpuSeconds(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                // the process or thread ended between listing and reading: its time is not counted
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return new CpuAccount(seconds, threads, processes);
    }

    // The painter thread and the ONNX Runtime threads it created carry its name ("painter udnie").
    static bool IsPainter(string threadName) => threadName.StartsWith("painter");

    public double Total => Seconds.Values.Sum();

    /// <summary>What was used between <paramref name="earlier"/> and this snapshot, by part.</summary>
    public CpuAccount Minus(CpuAccount earlier)
    {
        var seconds = Seconds.ToDictionary(p => p.Key, p => p.Key.StartsWith("worker: ") ? 0 : p.Value - earlier.Seconds.GetValueOrDefault(p.Key));
        var byProcess = new Dictionary<int, double>();
        foreach (var (thread, (part, used)) in WorkerThreads)
        {
            // A thread born after the earlier snapshot (or a reused id) counts from zero.
            var before = earlier.WorkerThreads.TryGetValue(thread, out var then) && then.Part == part && then.Seconds <= used ? then.Seconds : 0;
            seconds[part] += used - before;
            byProcess[thread.Pid] = byProcess.GetValueOrDefault(thread.Pid) + used - before;
        }
        // What the process used beyond its live threads' counts: threads that ended in between, mostly the thread pool's.
        foreach (var (pid, used) in WorkerProcesses)
            seconds["worker: rest"] += used - earlier.WorkerProcesses.GetValueOrDefault(pid) - byProcess.GetValueOrDefault(pid);
        return new CpuAccount(seconds, new Dictionary<(int, int), (string, double)>(), new Dictionary<int, double>());
    }

    /// <summary>A process's or thread's user + system CPU seconds from its /proc stat file.</summary>
    public static double CpuSeconds(string statPath)
    {
        // Fields after the command name (which may hold spaces) start at the state; utime and stime are 14 and 15.
        var stat = File.ReadAllText(statPath);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond;
    }
}
