using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Painting;

namespace RenderFarm.Worker.Pipeline;

/// <summary>
/// Loads every available painter (artworks: their style codes) and runs one canvas-sized inference of each before
/// the worker reports ready, so the first real job does not pay for session creation and first-run allocation.
/// The painting encoder is built (so the JPEG codecs are chosen and logged) when the worker starts: a worker told to
/// use libjpeg-turbo that cannot load it stops there instead of failing its first job; it is warmed on the blank too.
/// </summary>
public sealed class StudioWarmup(PainterRegistry painters, IOptions<CanvasOptions> canvas, PaintingEncoder encoder, ILogger<StudioWarmup> logger)
    : BackgroundService, IHealthCheck
{
    volatile string? failure;
    volatile bool warmed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        WorkerMetrics.ObserveProvider(() => painters.Provider);
        var blank = RgbaImage.Allocate(canvas.Value.Width, canvas.Value.Height);
        await encoder.EncodeAsync(blank);
        foreach (var descriptor in painters.Catalog.Painters)
        {
            try
            {
                if (painters.TryGet(descriptor.Name, out var painter))
                    await painter.PaintAsync(blank, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failure = $"{descriptor.Name}: {ex.Message}";
                logger.WarmupFailed(ex, descriptor.Name);
            }
        }
        warmed = true;
        logger.PaintersWarmed(painters.Provider, string.Join(", ", painters.Catalog.Painters.Select(p => p.Name)));
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!warmed
            ? HealthCheckResult.Unhealthy("painters are warming up")
            : failure is null
                ? HealthCheckResult.Healthy($"painters ready on {painters.Provider}")
                : HealthCheckResult.Degraded($"a painter failed to load ({failure})"));
}
