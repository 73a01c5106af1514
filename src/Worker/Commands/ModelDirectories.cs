namespace RenderFarm.Worker.Commands;

/// <summary>
/// Where the local commands look for models when none are given: the repository's models/ and, like ./farm, the
/// shared data at $RENDERFARM_SHARED (../shared when unset) — its models/ and styles/.
/// </summary>
public static class ModelDirectories
{
    public static IReadOnlyList<string> Default(Func<string, string?> environment)
    {
        var shared = SharedRoot(environment);
        return ["models", Path.Combine(shared, "models"), Path.Combine(shared, "styles")];
    }

    /// <summary>$RENDERFARM_SHARED, or ../shared when it is unset.</summary>
    public static string SharedRoot(Func<string, string?> environment) =>
        environment("RENDERFARM_SHARED") is { Length: > 0 } configured ? configured : Path.Combine("..", "shared");

    /// <summary>The given directories, or the defaults from this process's environment.</summary>
    public static IReadOnlyList<string> OrDefault(IReadOnlyList<string>? given) =>
        given is { Count: > 0 } ? given : Default(Environment.GetEnvironmentVariable);
}
