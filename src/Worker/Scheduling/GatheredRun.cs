namespace RenderFarm.Worker.Scheduling;

/// <summary>The shared run of a gathering of jobs (<see cref="GatheredJob{TItem, TResult}"/>).</summary>
public static class GatheredRun
{
    /// <summary>
    /// Runs <paramref name="run"/> over the jobs' items on a stage thread (writing the inputs and reading the outputs
    /// are the host's work) and gives each job its result, in their order. Every job hears the run's outcome, a failure
    /// included: nothing is left waiting.
    /// </summary>
    public static async Task RunAsync<TItem, TResult>(List<GatheredJob<TItem, TResult>> jobs, Func<IReadOnlyList<TItem>, IReadOnlyList<TResult>> run,
        StageThreads stageThreads)
    {
        try
        {
            var results = await stageThreads.RunAsync(() => run(jobs.ConvertAll(job => job.Item)));
            for (var i = 0; i < jobs.Count; i++)
                jobs[i].Result.TrySetResult(results[i]);
        }
        catch (Exception ex)
        {
            foreach (var job in jobs)
                job.Result.TrySetException(ex);
        }
    }
}
