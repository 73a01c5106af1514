using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using RenderFarm.TestSupport;

namespace RenderFarm.Deploy.Tests;

/// <summary>What one run of deploy/k8s/validate/validate.mjs printed and returned.</summary>
public sealed record ValidatorRun(int ExitCode, string Output)
{
    public override string ToString() => $"exit {ExitCode}\n{Output}";
}

/// <summary>
/// Runs the offline manifest validator (node deploy/k8s/validate/validate.mjs). Its npm dependencies are installed
/// from the committed package-lock.json (npm ci) once, and only when node_modules is missing.
/// </summary>
public static class ManifestValidator
{
    public static string K8sRoot => Path.Combine(SharedData.RepoRoot, "deploy", "k8s");
    public static string ValidatorDirectory => Path.Combine(K8sRoot, "validate");
    public static string DevOverlay => Path.Combine(K8sRoot, "overlays", "dev");
    public static string ProdOverlay => Path.Combine(K8sRoot, "overlays", "prod");

    static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);
    static readonly Lazy<Task> Dependencies = new(InstallDependenciesAsync);
    static readonly Lazy<Task<string>> DevRender = new(() => RenderJsonAsync(DevOverlay));
    static readonly Lazy<Task<string>> ProdRender = new(() => RenderJsonAsync(ProdOverlay));

    public static async Task<ValidatorRun> RunAsync(params string[] arguments)
    {
        await Dependencies.Value;
        return await RunProcessAsync("node", ["validate.mjs", .. arguments], ValidatorDirectory, RunTimeout);
    }

    /// <summary>The dev overlay rendered by kubectl kustomize, as a fresh, mutable JSON array.</summary>
    public static async Task<JsonArray> RenderDevAsync() => JsonNode.Parse(await DevRender.Value)!.AsArray();

    /// <summary>The prod overlay rendered, as a fresh, mutable JSON array.</summary>
    public static async Task<JsonArray> RenderProdAsync() => JsonNode.Parse(await ProdRender.Value)!.AsArray();

    /// <summary>Validates objects as one rendered file (the validator's --file mode).</summary>
    public static async Task<ValidatorRun> ValidateFileAsync(JsonArray objects)
    {
        var file = Path.Combine(Path.GetTempPath(), $"renderfarm-rendered-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, objects.ToJsonString());
        try
        {
            return await RunAsync("--file", file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static JsonObject Find(this JsonArray objects, string kind, string name) =>
        objects.OfType<JsonObject>().Single(o => (string?)o["kind"] == kind && (string?)o["metadata"]?["name"] == name);

    static async Task<string> RenderJsonAsync(string overlay)
    {
        var run = await RunAsync("--print-json", overlay);
        if (run.ExitCode != 0)
            throw new InvalidOperationException($"rendering {overlay} failed: {run}");
        return run.Output;
    }

    static async Task InstallDependenciesAsync()
    {
        var modules = Path.Combine(ValidatorDirectory, "node_modules");
        string[] needed = ["kubernetes-models", Path.Combine("@kubernetes-models", "keda"), "yaml"];
        if (needed.All(p => Directory.Exists(Path.Combine(modules, p))))
            return;
        var install = await RunProcessAsync("npm", ["ci", "--no-audit", "--no-fund"], ValidatorDirectory, TimeSpan.FromMinutes(5));
        if (install.ExitCode != 0)
            throw new InvalidOperationException($"npm ci in {ValidatorDirectory} failed: {install}");
    }

    static async Task<ValidatorRun> RunProcessAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        var gate = new object();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) output.AppendLine(e.Data); };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot start {fileName} (is Node.js installed and on PATH?): {e.Message}", e);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} ran longer than {timeout}: {output}");
        }
        process.WaitForExit(); // flush the output handlers
        lock (gate)
            return new ValidatorRun(process.ExitCode, output.ToString());
    }
}
