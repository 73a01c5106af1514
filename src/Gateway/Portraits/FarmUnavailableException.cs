namespace RenderFarm.Gateway.Portraits;

/// <summary>A backing service (blob store, Redis, broker) failed while accepting a job: answer 503, try later.</summary>
public sealed class FarmUnavailableException(string stage, Exception inner)
    : Exception($"The farm could not {stage} the job.", inner)
{
    public string Stage { get; } = stage;
}
