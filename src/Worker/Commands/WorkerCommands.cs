using System.CommandLine;

namespace RenderFarm.Worker.Commands;

/// <summary>
/// The worker binary's command line (System.CommandLine): <c>serve</c> (the default, with no arguments or with host
/// settings such as <c>--Execution:Provider=cpu</c>) runs the farm worker; <c>paint</c>, <c>contact-sheet</c> and <c>forge</c> are local tools. Every command answers <c>--help</c>; an
/// unknown first argument prints the error and the usage and exits 1 instead of starting the service.
/// </summary>
public static class WorkerCommands
{
    /// <param name="args">The process's arguments.</param>
    /// <param name="serve">Runs the worker service with the host arguments given after <c>serve</c>.</param>
    /// <param name="output">Where help and results go (stdout when null).</param>
    /// <param name="error">Where errors go (stderr when null).</param>
    public static Task<int> InvokeAsync(string[] args, Func<string[], Task<int>> serve, TextWriter? output = null, TextWriter? error = null)
    {
        var root = new RootCommand("RenderFarm worker: paints queued portraits (serve), or paints photos locally.")
        {
            Serve(serve),
            PaintCommand.Create(),
            ContactSheetCommand.Create(),
            ForgeCommand.Create(),
        };
        var configuration = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
            // The service drains on SIGTERM itself (HostOptions.ShutdownTimeout); the parser must not cut that short.
            ProcessTerminationTimeout = null,
        };
        return root.Parse(args is [] || IsHostSetting(args[0]) ? ["serve", .. args] : args).InvokeAsync(configuration);
    }

    /// <summary>
    /// "--Key=Value" is a setting for the service's host (how WebApplicationFactory and operators pass configuration),
    /// so it starts the service as "serve --Key=Value" would. Any other unknown first word is a mistake.
    /// </summary>
    static bool IsHostSetting(string arg) => arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('=');

    static Command Serve(Func<string[], Task<int>> serve)
    {
        var command = new Command("serve", "Run the farm worker (the default): consume the paint queue until stopped. " +
                                           "Further arguments go to the host, e.g. --Execution:Provider=cpu.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(result => serve([.. result.UnmatchedTokens]));
        return command;
    }
}
