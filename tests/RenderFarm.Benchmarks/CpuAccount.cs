namespace RenderFarm.Benchmarks;

/// <summary>
/// CPU seconds used so far by each part of the farm on this machine (Linux /proc): the worker split into its painter
/// and its stage threads (and the runtime's tier-up compiler, which works for the first hundred or so jobs and then
/// falls silent), the benchmark process (which hosts the Gateway), RabbitMQ, Redis and Azurite.
/// Two snapshots subtracted say where a run's CPU went.
/// </summary>
public sealed record CpuAccount(IReadOnlyDictionary<string, double> Seconds)
{
    static readonly double TicksPerSecond = 100; // USER_HZ on every Linux the farm runs on

    public static readonly string[] Parts = ["worker: painter", "worker: stage threads", "worker: rest", "worker: JIT tier-up", "bench + Gateway", "RabbitMQ", "Redis", "Azurite"];

    public static CpuAccount Take(int workerPid) => Take([workerPid]);

    public static CpuAccount Take(IReadOnlyCollection<int> workerPids)
    {
        var seconds = Parts.ToDictionary(p => p, _ => 0.0);
        if (!OperatingSystem.IsLinux()) return new CpuAccount(seconds);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                if (workerPids.Contains(pid))
                {
                    foreach (var task in Directory.EnumerateDirectories(Path.Combine(dir, "task")))
                    {
                        var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                        var part = name.StartsWith("stage") ? "worker: stage threads" : IsPainter(name) ? "worker: painter"
                            : name.StartsWith(".NET Tiered") ? "worker: JIT tier-up" : "worker: rest";
                        seconds[part] += CpuSeconds(Path.Combine(task, "stat"));
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
        return new CpuAccount(seconds);
    }

    // The painter thread and the ONNX Runtime threads it created carry its name ("painter udnie").
    static bool IsPainter(string threadName) => threadName.StartsWith("painter");

    public double Total => Seconds.Values.Sum();

    public CpuAccount Minus(CpuAccount earlier) =>
        new(Seconds.ToDictionary(p => p.Key, p => p.Value - earlier.Seconds.GetValueOrDefault(p.Key)));

    static double CpuSeconds(string statPath)
    {
        // Fields after the command name (which may hold spaces) start at the state; utime and stime are 14 and 15.
        var stat = File.ReadAllText(statPath);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond;
    }
}
