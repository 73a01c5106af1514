using System.Runtime.CompilerServices;

namespace RenderFarm.Worker.Imaging;

/// <summary>
/// Decoded photos' pixel arrays, kept for the next photo of the same size. A phone photo decodes to 12 MB; a new array
/// of that size lands in memory the process has not touched since the last collection gave it back, and writing it
/// costs page faults: libjpeg-turbo decodes a phone photo in ~19 ms into memory it wrote before and ~28–34 ms into a
/// new array. Phones send few distinct sizes, so an exact-length array comes back often. Arrays are not cleared (the
/// decoder writes every pixel), and at most <see cref="Capacity"/> bytes are kept, the oldest given up first.
/// Only arrays this pool handed out are taken back, once each: an array of anyone else's (a shared ground, a cached
/// artwork) given back by mistake is ignored, not handed to the next job to overwrite.
/// </summary>
public sealed class PhotoBuffers(long capacity = PhotoBuffers.DefaultCapacity)
{
    /// <summary>Five 12-megapixel phone photos at the worker's 1/2 decode (12 MB each).</summary>
    public const long DefaultCapacity = 64L << 20;

    /// <summary>Smaller arrays are cheap to allocate and are not kept.</summary>
    public const int MinLength = 1 << 20;

    /// <summary>
    /// The canvas-sized images of a job (framed photo, sitter on the ground, painting, toned painting: 1.3 MB each at
    /// 512×640), given back by the studio once the painting is encoded. New, each is a run of pages the process has not
    /// touched since a collection gave them back, and the page faults of its first writes were the slow tail of framing,
    /// seating and toning (`perf record -e page-faults`).
    /// </summary>
    public static PhotoBuffers Canvases { get; } = new(32L << 20);

    readonly LinkedList<byte[]> kept = [];
    // Arrays handed out and not yet given back; weak, so an array nobody gives back is collected as any other.
    readonly ConditionalWeakTable<byte[], object?> issued = [];
    long keptBytes;

    public long Capacity { get; } = capacity;

    /// <summary>Bytes held now.</summary>
    public long KeptBytes { get { lock (kept) return keptBytes; } }

    /// <summary>An array of exactly <paramref name="length"/> bytes, kept or new; its contents are undefined.</summary>
    public byte[] Rent(int length)
    {
        if (length < MinLength || length > Capacity) return GC.AllocateUninitializedArray<byte>(length);
        lock (kept)
        {
            var array = Take(length) ?? GC.AllocateUninitializedArray<byte>(length);
            issued.AddOrUpdate(array, null);
            return array;
        }
    }

    byte[]? Take(int length)
    {
        for (var node = kept.First; node is not null; node = node.Next)
            if (node.Value.Length == length)
            {
                kept.Remove(node);
                keptBytes -= length;
                return node.Value;
            }
        return null;
    }

    /// <summary>Gives an array of this pool's back once nothing reads it any more; the oldest kept arrays make room for it.</summary>
    public void Return(byte[] array)
    {
        lock (kept)
        {
            if (!issued.Remove(array)) return;
            kept.AddLast(array);
            keptBytes += array.Length;
            while (keptBytes > Capacity)
            {
                keptBytes -= kept.First!.Value.Length;
                kept.RemoveFirst();
            }
        }
    }
}
