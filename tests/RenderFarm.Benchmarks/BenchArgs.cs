namespace RenderFarm.Benchmarks;

/// <summary>The benchmarks' command-line flags: a flag's value is the argument after it.</summary>
public static class BenchArgs
{
    /// <summary>The argument after <paramref name="flag"/>, or null where the flag is absent or last.</summary>
    public static string? Value(string[] args, string flag) =>
        Array.IndexOf(args, flag) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
