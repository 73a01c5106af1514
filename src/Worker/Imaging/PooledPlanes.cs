using System.Buffers;

namespace RenderFarm.Worker.Imaging;

/// <summary>
/// Working planes of one size from the shared ArrayPool, all given back on Dispose. The tone step needs some twenty
/// canvas-sized float planes per portrait; allocating them cost ~30 MB per portrait of large-object-heap memory to
/// zero and collect (a gen-2 collection for most portraits). A rented plane is not cleared: write it before reading.
/// </summary>
public sealed class PooledPlanes(int length) : IDisposable
{
    readonly List<float[]> rented = [];

    /// <summary>A plane of <c>length</c> values, not cleared.</summary>
    public Span<float> Rent() => RentArray().AsSpan(0, length);

    /// <summary>The pooled array behind a plane (it may be longer than <c>length</c>), for a type that keeps it.</summary>
    public float[] RentArray()
    {
        var plane = ArrayPool<float>.Shared.Rent(length);
        rented.Add(plane);
        return plane;
    }

    public void Dispose()
    {
        foreach (var plane in rented) ArrayPool<float>.Shared.Return(plane);
        rented.Clear();
    }
}
