using System.Diagnostics;
using System.Net.Sockets;

namespace RenderFarm.TestSupport;

/// <summary>
/// A RenderFarm service (Gateway, Gallery or Worker) as a real operating-system process on a real port, started from
/// the built output of src/&lt;Name&gt; — for tests that a TestServer cannot serve, such as a browser's.
/// Settings become environment variables ("Section:Key" → "Section__Key"); output is kept for diagnostics.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    readonly Process process;
    readonly List<string> output = [];

    ServiceProcess(Process process, string name, int port)
    {
        this.process = process;
        Name = name;
        Port = port;
    }

    /// <summary>"Gateway", "Gallery" or "Worker".</summary>
    public string Name { get; }
    public int Port { get; }

    /// <summary>http://127.0.0.1:&lt;port&gt;, without a trailing slash.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public int Id => process.Id;
    public bool HasExited => process.HasExited;
    public string Output { get { lock (output) return string.Join('\n', output); } }

    /// <summary>The folder the service's built output lies in, in the configuration the tests were built in.</summary>
    public static string OutputDirectory(string name)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        return Path.Combine(SharedData.RepoRoot, "src", name, "bin", configuration, "net10.0");
    }

    /// <summary>
    /// Starts <c>dotnet RenderFarm.&lt;name&gt;.dll</c> in its output folder, listening on <paramref name="port"/>
    /// (a free one when null; reserve one with <see cref="FreePort"/> when another service must know it first).
    /// </summary>
    public static ServiceProcess Start(string name, IReadOnlyDictionary<string, string?> settings, int? port = null) =>
        StartAssembly(name, OutputDirectory(name), $"RenderFarm.{name}.dll", "", settings, port);

    /// <summary>
    /// Starts <c>dotnet &lt;assembly&gt; &lt;arguments&gt;</c> in <paramref name="directory"/> as the service
    /// <paramref name="name"/>: a process that hosts a service's Program with something of its own (the benchmark's
    /// simulated GPU worker).
    /// </summary>
    public static ServiceProcess StartAssembly(string name, string directory, string assembly, string arguments,
        IReadOnlyDictionary<string, string?> settings, int? port = null)
    {
        if (!File.Exists(Path.Combine(directory, assembly)))
            throw new FileNotFoundException($"{assembly} is not built in {directory}; build the solution first (dotnet build RenderFarm.sln).");

        var listenPort = port ?? FreePort();
        var start = new ProcessStartInfo("dotnet", $"{assembly} {arguments}".TrimEnd())
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Urls"] = $"http://127.0.0.1:{listenPort}";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__")] = value;

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var service = new ServiceProcess(process, name, listenPort);
        process.OutputDataReceived += (_, e) => service.Record(e.Data);
        process.ErrorDataReceived += (_, e) => service.Record(e.Data);
        if (!process.Start())
            throw new InvalidOperationException($"could not start {assembly} in {directory}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    void Record(string? line)
    {
        if (line is null) return;
        lock (output)
        {
            output.Add(line);
            if (output.Count > 5000) output.RemoveRange(0, 1000);
        }
    }

    /// <summary>Waits until <paramref name="path"/> (by default /health/ready) answers 2xx.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout, string path = "/health/ready")
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode}:\n{Output}");
            try
            {
                if ((await http.GetAsync(BaseUrl + path)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{Name} did not answer {path} within {timeout}:\n{Output}");
    }

    /// <summary>SIGTERM: the service shuts down gracefully.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", $"-TERM {process.Id}");
        kill.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await process.WaitForExitAsync(new CancellationTokenSource(timeout).Token);
        return process.ExitCode;
    }

    /// <summary>SIGKILL, the whole process tree: no shutdown hooks, no acks, no cleanup — as when a node dies.</summary>
    public void Kill()
    {
        if (process.HasExited) return;
        process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
    }

    /// <summary>
    /// The process's peak resident memory so far, in MiB (VmHWM from /proc): native allocations included, which GC
    /// counters do not see (decoded pixels live in native memory).
    /// </summary>
    public double PeakResidentMiB()
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>A port nobody listens on right now (the OS picks it).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(15)).Token);
            }
        }
        catch (InvalidOperationException) { } // never started, or already gone
        catch (OperationCanceledException) { }
        process.Dispose();
    }
}
