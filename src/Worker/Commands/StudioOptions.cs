using System.CommandLine;

namespace RenderFarm.Worker.Commands;

/// <summary>The options every local painting command shares: where the models are and what paints them.</summary>
public sealed class StudioOptions
{
    public Option<string[]> Models { get; } = new("--models")
    {
        Description = "A directory with model files; repeat for several (default: models, $RENDERFARM_SHARED/models, $RENDERFARM_SHARED/styles)",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string?> Manifest { get; } = new("--manifest")
    {
        Description = "The painter manifest (default: models/manifest.json)",
    };

    public Option<string?> Provider { get; } = new("--provider")
    {
        Description = "Execution provider: auto (CUDA when it loads, else the CPU), cpu or cuda",
    };

    public StudioOptions() => Provider.AcceptOnlyFromAmong("auto", "cpu", "cuda");

    public void AddTo(Command command)
    {
        command.Options.Add(Models);
        command.Options.Add(Manifest);
        command.Options.Add(Provider);
    }

    public IHost Build(ParseResult result) =>
        StudioHost.Build(result.GetValue(Manifest), ModelDirectories.OrDefault(result.GetValue(Models)), result.GetValue(Provider));
}
