namespace RenderFarm.Worker.Scheduling;

/// <summary>
/// One job waiting in a gathering for a shared run of a model or graph (<see cref="StageModelBatches{TItem, TResult}"/>,
/// the tone step's <c>ToneGraphBatches</c>): what it brings, and where it hears its result (<see cref="GatheredRun"/>).
/// </summary>
public sealed record GatheredJob<TItem, TResult>(TItem Item)
{
    public TaskCompletionSource<TResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
