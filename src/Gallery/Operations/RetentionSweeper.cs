using Microsoft.Extensions.Options;
using RenderFarm.Farm.Gallery;

namespace RenderFarm.Gallery.Operations;

/// <summary>
/// Removes paintings older than Gallery:RetentionDays (off at 0), listed or not, every Gallery:RetentionSweepInterval.
/// Safe on many replicas: removing a removed painting is a no-op. Audited as a count.
/// </summary>
public sealed class RetentionSweeper(GalleryStore gallery, GalleryPaintings paintings, IOptions<OperatorOptions> options,
    TimeProvider time, ILogger<RetentionSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.RetentionDays == 0)
            return;
        using var timer = new PeriodicTimer(settings.RetentionSweepInterval, time);
        do
        {
            try
            {
                var removed = await SweepAsync(TimeSpan.FromDays(settings.RetentionDays), stoppingToken);
                if (removed > 0)
                    logger.RetentionRemoved(removed, settings.RetentionDays);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.RetentionFailed(ex);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    async Task<int> SweepAsync(TimeSpan retention, CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - retention;
        var removed = 0;
        await foreach (var item in gallery.AllAsync().WithCancellation(cancellationToken))
        {
            if (item.CreatedAt >= cutoff)
                continue;
            await paintings.DeleteAsync(item.Id, cancellationToken);
            removed++;
        }
        return removed;
    }
}
