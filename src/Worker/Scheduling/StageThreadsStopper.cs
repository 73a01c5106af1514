namespace RenderFarm.Worker.Scheduling;

/// <summary>
/// Stops the stage threads when the host stops, after the bus has drained its jobs (hosted services stop in reverse
/// order of registration, and this one is registered before the bus) and before the container disposes anything. The
/// container disposes a service before what it depends on, so without this the person segmenter and the tone step
/// (which depend on the stage threads) released their ONNX sessions while a stage thread could still be running
/// them, which crashes the process. Stopping lets the stages already queued finish; a stage asked for later is
/// canceled, so its job's message goes back to the queue.
/// </summary>
public sealed class StageThreadsStopper(StageThreads stageThreads) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        stageThreads.Dispose();
        return Task.CompletedTask;
    }
}
