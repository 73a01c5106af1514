using System.Diagnostics;
using System.Net.Sockets;

namespace RenderFarm.TestSupport;

/// <summary>
/// A Worker as a real operating-system process (built output of src/Worker), for tests that kill it.
/// Settings become environment variables ("Section:Key" → "Section__Key"); output is kept for diagnostics.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    readonly Process process;
    readonly List<string> output = [];

    WorkerProcess(Process process) => this.process = process;

    public int Port { get; private init; }
    public int Id => process.Id;
    public bool HasExited => process.HasExited;
    public string Output { get { lock (output) return string.Join('\n', output); } }

    public static WorkerProcess Start(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var directory = Path.Combine(SharedData.RepoRoot, "src", "Worker", "bin", configuration, "net10.0");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", "RenderFarm.Worker.dll")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__")] = value;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process) { Port = port };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (worker.output) worker.output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (worker.output) worker.output.Add(e.Data); };
        if (!process.Start())
            throw new InvalidOperationException($"could not start the worker in {directory}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Waits until /health/ready answers 200 (painters loaded and warmed).</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"worker exited with {process.ExitCode}:\n{Output}");
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{Port}/health/ready")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"worker not ready after {timeout}:\n{Output}");
    }

    /// <summary>SIGTERM, as Kubernetes sends before it kills a pod: the worker should drain and exit.</summary>
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

    /// <summary>SIGKILL: no shutdown hooks, no acks, no cleanup — as when a node dies.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
    }

    static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
