using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace RenderFarm.Worker.Painting;

/// <summary>
/// Opens the graphs of a job's CPU stages (the mask's guided filter, the tone step) where
/// <see cref="ExecutionOptions.StageGraphs"/> says: a session on the painters' provider, or none, and then the stage
/// runs its C#. "auto" is decided at a stage's first job, when the models have opened and the provider is known;
/// each graph's placement is logged once. A graph that does not open (a device out of memory, a provider without
/// one of its operators) leaves its stage to the C#, with an error in the log: the graphs are the same arithmetic,
/// so a worker that cannot run them still paints every portrait.
/// </summary>
public sealed class StageGraphs(IOptions<ExecutionOptions> options, SessionFactory sessions, ILogger<StageGraphs> logger)
{
    /// <summary>A session for the graph, on one intra-op thread, or null where the stage runs in C#.</summary>
    /// <param name="name">What the log calls it ("tone graph").</param>
    /// <param name="build">The graph's bytes, built only when it is opened.</param>
    public InferenceSession? TryOpen(string name, Func<byte[]> build)
    {
        var placement = options.Value.StageGraphs;
        if (placement == "host" || (placement == "auto" && sessions.ProviderInUse != "cuda"))
        {
            logger.StageGraphOnHost(name, sessions.ProviderInUse);
            return null;
        }
        try
        {
            var session = sessions.Create(name, build(), intraOpThreads: 1);
            logger.StageGraphOnDevice(name, sessions.ProviderInUse);
            return session;
        }
        catch (OnnxRuntimeException ex)
        {
            logger.StageGraphFailed(ex, name, sessions.ProviderInUse);
            return null;
        }
    }

    /// <summary>The provider the last session opened on.</summary>
    public string Provider => sessions.ProviderInUse;
}
