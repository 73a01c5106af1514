using System.Runtime.CompilerServices;

namespace RenderFarm.Worker.Imaging;

/// <summary>
/// Large arrays kept for the next use of the same length. A new array of a megabyte or more lands in memory the process
/// has not touched since the last collection gave it back, and its first writes cost page faults, one per 4 KiB: more
/// than the work that fills it, for most of a job's images and planes. Arrays are not cleared (whoever rents one writes
/// every element), and at most <see cref="Capacity"/> bytes are kept, the oldest given up first. Only arrays this pool
/// handed out are taken back, once each: an array of anyone else's (a shared ground, a cached artwork) given back by
/// mistake is ignored, not handed to the next job to overwrite.
/// </summary>
public class KeptArrays<T>(long capacity) where T : unmanaged
{
    /// <summary>
    /// Arrays of fewer bytes are not kept. The runtime puts arrays from 85,000 bytes up in its large object heap, whose
    /// freed space it hands back to the system; from a thumbnail's 320 KB on, their page faults showed in the stages.
    /// </summary>
    public const int MinBytes = 1 << 18;

    readonly LinkedList<T[]> kept = [];
    // Arrays handed out and not yet given back; weak, so an array nobody gives back is collected as any other.
    readonly ConditionalWeakTable<T[], object?> issued = [];
    long keptBytes;

    /// <summary>Bytes kept at most.</summary>
    public long Capacity { get; } = capacity;

    /// <summary>Bytes held now.</summary>
    public long KeptBytes { get { lock (kept) return keptBytes; } }

    static long BytesOf(int length) => (long)length * Unsafe.SizeOf<T>();

    /// <summary>An array of exactly <paramref name="length"/> elements, kept or new; its contents are undefined.</summary>
    public T[] Rent(int length)
    {
        if (BytesOf(length) < MinBytes || BytesOf(length) > Capacity) return GC.AllocateUninitializedArray<T>(length);
        lock (kept)
        {
            var array = Take(length) ?? GC.AllocateUninitializedArray<T>(length);
            issued.AddOrUpdate(array, null);
            return array;
        }
    }

    T[]? Take(int length)
    {
        for (var node = kept.First; node is not null; node = node.Next)
            if (node.Value.Length == length)
            {
                kept.Remove(node);
                keptBytes -= BytesOf(length);
                return node.Value;
            }
        return null;
    }

    /// <summary>Gives an array of this pool's back once nothing reads it any more; the oldest kept arrays make room for it.</summary>
    public void Return(T[] array)
    {
        lock (kept)
        {
            if (!issued.Remove(array)) return;
            kept.AddLast(array);
            keptBytes += BytesOf(array.Length);
            while (keptBytes > Capacity)
            {
                keptBytes -= BytesOf(kept.First!.Value.Length);
                kept.RemoveFirst();
            }
        }
    }
}
