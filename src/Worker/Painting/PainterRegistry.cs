using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RenderFarm.Farm.Painters;
using RenderFarm.Worker.Scheduling;

namespace RenderFarm.Worker.Painting;

/// <summary>
/// One shared painter per manifest entry, created on first use (or at warm-up) after its file's SHA-256 is checked,
/// behind its own dynamic batcher. Artwork painters share one stylizer; each computes its artwork's style code when it
/// loads.
/// </summary>
public sealed class PainterRegistry(
    PainterCatalog catalog,
    SessionFactory sessions,
    IOptions<BatchingOptions> batching,
    PaintDemand demand,
    PainterHealth health,
    IEnumerable<IBatchPainterSource> externalSources,
    ILogger<PainterRegistry> logger) : IDisposable
{
    readonly ConcurrentDictionary<string, Lazy<BatchingPainter>> painters = new(StringComparer.OrdinalIgnoreCase);
    readonly Lazy<Stylizer?> stylizer = new(() => catalog.Stylizer is { } paths ? new Stylizer(paths, sessions) : null);
    int styleCodesComputed;
    int disposed;

    public PainterCatalog Catalog => catalog;

    public string Provider => sessions.ProviderInUse;

    /// <summary>How many artwork style codes this worker has computed (one per artwork painter loaded).</summary>
    public int StyleCodesComputed => Volatile.Read(ref styleCodesComputed);

    public bool TryGet(string name, out BatchingPainter painter)
    {
        painter = null!;
        if (!catalog.Contains(name)) return false;
        painter = painters.GetOrAdd(name, n => new Lazy<BatchingPainter>(() => Load(n))).Value;
        return true;
    }

    BatchingPainter Load(string name)
    {
        // Checked after the Lazy is in the dictionary: Dispose either sees this load and waits for it, or it has set
        // the flag first and this load never starts.
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) == 1, this);
        catalog.TryGet(name, out var descriptor, out var path);
        if (descriptor.IsExternal)
            return LoadExternal(descriptor);
        if (ModelFiles.ChecksumMismatch(path, descriptor.Sha256) is { } actual)
            throw new PainterContractException(name, $"file {descriptor.File} has SHA-256 {actual}, the manifest pins {descriptor.Sha256}");
        return new BatchingPainter(name, () => descriptor.IsArtwork ? LoadArtwork(descriptor, path) : LoadOnnx(descriptor, path),
            batching.Value, demand, () => sessions.ProviderInUse, health);
    }

    BatchingPainter LoadExternal(PainterDescriptor descriptor)
    {
        foreach (var source in externalSources)
        {
            if (source.TryLoad(descriptor) is { } painter)
            {
                logger.ExternalPainterLoaded(descriptor.Name, source.GetType().Name);
                return new BatchingPainter(painter, batching.Value, demand, () => source.GetType().Name, health);
            }
        }
        throw new PainterContractException(descriptor.Name, "it is external and no painter source in this process paints it");
    }

    ArtworkPainter LoadArtwork(PainterDescriptor descriptor, string path)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var shared = stylizer.Value!;
        shared.Open();
        var code = shared.Encode(ArtworkImage.Load(path, shared.Files.StyleShortSide));
        Interlocked.Increment(ref styleCodesComputed);
        logger.ArtworkLoaded(descriptor.Name, descriptor.Attribution, descriptor.Medium,
            System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, sessions.ProviderInUse);
        return new ArtworkPainter(descriptor, shared, code);
    }

    OnnxPainter LoadOnnx(PainterDescriptor descriptor, string path)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var onnx = new OnnxPainter(descriptor, sessions.Create(path));
        logger.PainterLoaded(descriptor.Name, descriptor.Medium, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            sessions.ProviderInUse, batching.Value.MaxBatch);
        return onnx;
    }

    /// <summary>
    /// Stops every painter, including one still loading (its load is waited for: releasing a session while a load or
    /// an inference uses it crashes the process), and then the shared stylizer, unless a painter could not stop.
    /// No painter loads after this.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        var allStopped = true;
        foreach (var lazy in painters.Values)
        {
            BatchingPainter painter;
            try
            {
                painter = lazy.Value; // waits for a load in progress
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                continue; // it never loaded: nothing to stop (its load's error went to whoever asked for it)
            }
            painter.Dispose();
            allStopped &= painter.Stopped;
        }
        if (!allStopped)
        {
            logger.PainterStillRunning();
            return;
        }
        if (stylizer.IsValueCreated) stylizer.Value?.Dispose();
    }
}
