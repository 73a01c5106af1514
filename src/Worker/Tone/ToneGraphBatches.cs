using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Scheduling;

namespace RenderFarm.Worker.Tone;

/// <summary>
/// The tone steps of a paint batch's jobs as one run of the tone graph (<see cref="ToneOnDevice.Keep(IReadOnlyList{ToneJob})"/>).
/// On a GPU each of the graph's ~280 nodes is a kernel the host launches, so eight jobs toned together launch each
/// node once instead of eight times (docs/PERFORMANCE.md, part 0k). A batch's jobs leave the painter together and
/// reach their tone step within a moment of each other: the first to come waits until as many jobs as its batch had
/// have come, or <see cref="MaxWait"/>, whichever is first (a batch-mate whose painting failed or was canceled never
/// comes). Jobs of any batch and medium share a run; only their canvas size must match.
/// </summary>
/// <param name="keep">Tones a list of jobs in one run: the graph's <see cref="ToneOnDevice.Keep(IReadOnlyList{ToneJob})"/>.</param>
/// <param name="stageThreads">Where a run goes: the copies in and out are the host's work.</param>
/// <param name="time">The clock of <see cref="MaxWait"/>.</param>
public sealed class ToneGraphBatches(Func<IReadOnlyList<ToneJob>, IReadOnlyList<RgbaImage>> keep, StageThreads stageThreads, TimeProvider time)
{
    /// <summary>How long the first job of a gathering waits for batch-mates that may never come.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(5);

    readonly Lock gate = new();
    readonly Dictionary<(int Width, int Height), Gathering> gatherings = [];

    /// <param name="job">The painting to tone and what it keeps from.</param>
    /// <param name="batchSize">How many jobs its paint batch had; 1 runs at once, alone.</param>
    public Task<RgbaImage> KeepAsync(ToneJob job, int batchSize)
    {
        if (batchSize <= 1)
            return stageThreads.RunAsync(() => keep([job])[0]);
        var waiting = new GatheredJob<ToneJob, RgbaImage>(job);
        var size = (job.Painting.Width, job.Painting.Height);
        Gathering? full = null;
        lock (gate)
        {
            if (!gatherings.TryGetValue(size, out var gathering))
            {
                gathering = new Gathering();
                gatherings[size] = gathering;
                _ = RunWhenTimeIsUpAsync(size, gathering);
            }
            gathering.Jobs.Add(waiting);
            gathering.Expected = Math.Max(gathering.Expected, batchSize);
            if (gathering.Jobs.Count >= gathering.Expected && gatherings.Remove(size))
                full = gathering;
        }
        if (full is not null)
            _ = RunAsync(full);
        return waiting.Result.Task;
    }

    async Task RunWhenTimeIsUpAsync((int, int) size, Gathering gathering)
    {
        await Task.Delay(MaxWait, time);
        lock (gate)
        {
            // Full before its time: already running.
            if (!gatherings.TryGetValue(size, out var current) || current != gathering) return;
            gatherings.Remove(size);
        }
        await RunAsync(gathering);
    }

    Task RunAsync(Gathering gathering) => GatheredRun.RunAsync(gathering.Jobs, keep, stageThreads);

    sealed class Gathering
    {
        public List<GatheredJob<ToneJob, RgbaImage>> Jobs { get; } = [];

        public int Expected { get; set; }
    }
}
