namespace RenderFarm.Worker.Commands;

/// <summary>Tiny argument reader for the worker's local commands: positionals, "-o x" / "--name x" options, repeatable.</summary>
public sealed class CommandLine
{
    readonly List<string> positionals = [];
    readonly Dictionary<string, List<string>> options = new(StringComparer.Ordinal);

    public CommandLine(IEnumerable<string> args, params string[] flagsWithValues)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (flagsWithValues.Contains(arg))
            {
                if (!e.MoveNext()) throw new ArgumentException($"{arg} needs a value");
                if (!options.TryGetValue(arg, out var values)) options[arg] = values = [];
                values.Add(e.Current);
            }
            else if (arg.StartsWith('-') && arg.Length > 1)
                throw new ArgumentException($"unknown option {arg}");
            else
                positionals.Add(arg);
        }
    }

    public IReadOnlyList<string> Positionals => positionals;

    public string? Get(string flag) => options.TryGetValue(flag, out var values) ? values[^1] : null;

    public IReadOnlyList<string> GetAll(string flag) => options.TryGetValue(flag, out var values) ? values : [];
}
