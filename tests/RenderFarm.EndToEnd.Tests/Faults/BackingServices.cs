using System.Diagnostics;

namespace RenderFarm.EndToEnd.Tests.Faults;

/// <summary>
/// Fault injection on the real services ./farm test started on this machine: restart RabbitMQ, or freeze Redis or
/// Azurite (SIGSTOP … SIGCONT) so that their connections hang as in a network partition while their data survives.
/// </summary>
public static class BackingServices
{
    public const string RedisProcess = "redis-server 127.0.0.1:6379";
    public const string AzuriteProcess = "azurite/dist/src/blob/main.js";

    public static async Task RestartRabbitMqAsync(TimeSpan downFor)
    {
        await RunAsync("rabbitmqctl", "-q -n rabbit@localhost stop_app");
        try
        {
            await Task.Delay(downFor);
        }
        finally
        {
            await RunAsync("rabbitmqctl", "-q -n rabbit@localhost start_app");
        }
    }

    public static async Task FreezeAsync(string processPattern, TimeSpan duration)
    {
        var pid = (await RunAsync("pgrep", $"-o -f \"{processPattern}\"")).Trim();
        Assert.False(string.IsNullOrEmpty(pid), $"no process matches {processPattern}");
        await RunAsync("kill", $"-STOP {pid}");
        try
        {
            await Task.Delay(duration);
        }
        finally
        {
            await RunAsync("kill", $"-CONT {pid}");
        }
    }

    static async Task<string> RunAsync(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ERL_EPMD_ADDRESS"] = "127.0.0.1";
        start.Environment["RABBITMQ_NODENAME"] = "rabbit@localhost";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 && file != "pgrep")
            throw new InvalidOperationException($"{file} {arguments} exited {process.ExitCode}: {error}");
        return output;
    }
}
