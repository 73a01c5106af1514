namespace RenderFarm.Worker.Imaging;

/// <summary>
/// Decoded photos' pixel arrays, kept for the next photo of the same size. A phone photo decodes to 12 MB; a new array
/// of that size lands in memory the process has not touched since the last collection gave it back, and writing it
/// costs page faults: libjpeg-turbo decodes a phone photo in ~19 ms into memory it wrote before and ~28–34 ms into a
/// new array. Phones send few distinct sizes, so an exact-length array comes back often. Arrays are not cleared (the
/// decoder writes every pixel), and at most <see cref="Capacity"/> bytes are kept, the oldest given up first.
/// </summary>
public sealed class PhotoBuffers(long capacity = PhotoBuffers.DefaultCapacity)
{
    /// <summary>Five 12-megapixel phone photos at the worker's 1/2 decode (12 MB each).</summary>
    public const long DefaultCapacity = 64L << 20;

    /// <summary>Smaller arrays are cheap to allocate and are not kept.</summary>
    public const int MinLength = 1 << 20;

    readonly LinkedList<byte[]> kept = [];
    long keptBytes;

    public long Capacity { get; } = capacity;

    /// <summary>Bytes held now.</summary>
    public long KeptBytes { get { lock (kept) return keptBytes; } }

    /// <summary>An array of exactly <paramref name="length"/> bytes, kept or new; its contents are undefined.</summary>
    public byte[] Rent(int length)
    {
        if (length >= MinLength)
            lock (kept)
                for (var node = kept.First; node is not null; node = node.Next)
                    if (node.Value.Length == length)
                    {
                        kept.Remove(node);
                        keptBytes -= length;
                        return node.Value;
                    }
        return GC.AllocateUninitializedArray<byte>(length);
    }

    /// <summary>Gives an array back once nothing reads it any more; the oldest kept arrays make room for it.</summary>
    public void Return(byte[] array)
    {
        if (array.Length < MinLength || array.Length > Capacity) return;
        lock (kept)
        {
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
