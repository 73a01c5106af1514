using System.Collections.Concurrent;
using System.Security.Cryptography;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Worker.Painting;

/// <summary>One shared session per painter, created on first use (or at warm-up) after its file's SHA-256 is checked.</summary>
public sealed class PainterRegistry(PainterCatalog catalog, SessionFactory sessions, ILogger<PainterRegistry> logger) : IDisposable
{
    readonly ConcurrentDictionary<string, Lazy<OnnxPainter>> painters = new(StringComparer.OrdinalIgnoreCase);

    public PainterCatalog Catalog => catalog;

    public string Provider => sessions.ProviderInUse;

    public bool TryGet(string name, out OnnxPainter painter)
    {
        painter = null!;
        if (!catalog.Contains(name)) return false;
        painter = painters.GetOrAdd(name, n => new Lazy<OnnxPainter>(() => Load(n))).Value;
        return true;
    }

    OnnxPainter Load(string name)
    {
        catalog.TryGet(name, out var descriptor, out var path);
        var actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        if (!string.Equals(actual, descriptor.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new PainterContractException(name, $"file {descriptor.File} has SHA-256 {actual}, the manifest pins {descriptor.Sha256}");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var painter = new OnnxPainter(descriptor, sessions.Create(path));
        logger.LogInformation("Loaded painter {Painter} ({Medium}) in {ElapsedMs:F0} ms on {Provider}",
            name, descriptor.Medium, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, sessions.ProviderInUse);
        return painter;
    }

    public void Dispose()
    {
        foreach (var painter in painters.Values.Where(p => p.IsValueCreated))
            painter.Value.Dispose();
    }
}
