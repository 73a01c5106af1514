using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Scheduling;

namespace RenderFarm.Worker.Pipeline;

/// <summary>
/// Loads every available painter (artworks: their style codes) and runs one canvas-sized inference of each before
/// the worker reports ready, so the first real job does not pay for session creation and first-run allocation.
/// The models that paint without being asked for by name, the house style's and the stylizer that every artwork
/// shares (automatic choices go to artworks), warm up with a full batch (MaxBatch copies; on CUDA then every smaller
/// size too, <see cref="PainterWarmupSizes"/>), so that the memory a ready
/// worker holds is what it holds when busy: a node that cannot give it fails the worker at start, not under load (a
/// worker warmed at a batch of one grew ~210 MiB at its first batch of four on the CPU). The others paint only when
/// named and warm up with one image: a full batch each would hold their arenas for batches they may never see (the
/// default catalogue all at a full batch: 2.26 GB at ready instead of 0.99 on the CPU).
/// The face detector and the person segmenter warm up too, before the painters (their sessions' first run, and where
/// the guided filter runs is decided and logged): where they gather jobs into runs (Execution:StageModelBatches), at
/// every batch size from a full one down, for the same reason as the painters and because a GPU picks its kernels
/// at a shape's first run; with one image where they run a job at a time.
/// The painting encoder is built (so the JPEG codecs are chosen and logged) when the worker starts: a worker told to
/// use libjpeg-turbo that cannot load it stops there instead of failing its first job; it is warmed on the blank too.
/// </summary>
public sealed class StudioWarmup(PainterRegistry painters, FaceDetector faces, PersonSegmenter segmenter, IOptions<BatchingOptions> batching,
    IOptions<CanvasOptions> canvas, PaintingEncoder encoder, ILogger<StudioWarmup> logger)
    : BackgroundService, IHealthCheck
{
    volatile string? failure;
    volatile bool warmed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        WorkerMetrics.ObserveProvider(() => painters.Provider);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var blank = RgbaImage.Allocate(canvas.Value.Width, canvas.Value.Height);
        await encoder.EncodeAsync(blank);
        WarmStageModels(blank);
        var stylizerWarmed = false;
        foreach (var descriptor in painters.Catalog.Painters)
        {
            try
            {
                if (!painters.TryGet(descriptor.Name, out var painter))
                    continue;
                var unnamed = descriptor.Name == painters.Catalog.DefaultStyle || (descriptor.IsArtwork && !stylizerWarmed);
                if (!unnamed)
                    await painter.PaintAsync(blank, stoppingToken);
                else
                    foreach (var size in PainterWarmupSizes(painters.Provider, batching.Value.MaxBatch))
                        await painter.PaintCopiesAsync(blank, size, stoppingToken);
                stylizerWarmed |= descriptor.IsArtwork;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failure = $"{descriptor.Name}: {ex.Message}";
                logger.WarmupFailed(ex, descriptor.Name);
            }
        }
        warmed = true;
        logger.PaintersWarmed(painters.Provider, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, string.Join(", ", painters.Catalog.Painters.Select(p => p.Name)));
    }

    void WarmStageModels(RgbaImage blank)
    {
        try
        {
            // Batched, every size a run may have, the largest first: on CUDA a model's first run at a new input shape
            // searches for its convolutions' kernels, which a job should not wait for; and the largest sets the memory.
            foreach (var size in Sizes(faces.Batches is not null))
                faces.DetectAll(Enumerable.Repeat(blank, size).ToList());
            foreach (var size in Sizes(segmenter.Batches is not null))
                foreach (var mask in segmenter.SegmentAll(Enumerable.Repeat(blank, size).ToList()))
                    if (mask is not null) PhotoBuffers.Masks.Return(mask.Alpha);
        }
        catch (Exception ex)
        {
            // Its jobs would fail the same way: the worker reports itself degraded, as for a painter that fails to load.
            failure = $"stage models: {ex.Message}";
            logger.StageModelsWarmupFailed(ex);
        }
    }

    /// <summary>
    /// The batch sizes an unnamed painter (the house style's, the shared stylizer) warms up at: on CUDA every size from
    /// a full batch down, since each new input shape's first run searches for its convolutions' kernels (cuDNN's
    /// exhaustive search; seen on an H200 as a worker at MaxBatch 8 whose first jobs waited for it, docs/PERFORMANCE.md
    /// 0n), and the largest first sets the memory; elsewhere a full batch, which sets the memory (the CPU provider
    /// searches nothing).
    /// </summary>
    public static IReadOnlyList<int> PainterWarmupSizes(string provider, int maxBatch) =>
        provider == "cuda" ? EverySizeDown(maxBatch) : [Math.Max(1, maxBatch)];

    // A stage model that gathers jobs warms at every size; one that runs a job at a time at one.
    IReadOnlyList<int> Sizes(bool batched) => batched ? EverySizeDown(batching.Value.MaxBatch) : [1];

    // The largest first: it sets the memory a busy worker holds.
    static IReadOnlyList<int> EverySizeDown(int maxBatch) => [.. Enumerable.Range(1, Math.Max(1, maxBatch)).Reverse()];

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!warmed
            ? HealthCheckResult.Unhealthy("painters are warming up")
            : failure is null
                ? HealthCheckResult.Healthy($"painters ready on {painters.Provider}")
                : HealthCheckResult.Degraded($"a painter failed to load ({failure})"));
}
