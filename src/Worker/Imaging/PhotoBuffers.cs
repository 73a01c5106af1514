namespace RenderFarm.Worker.Imaging;

/// <summary>
/// Decoded photos' pixel arrays, kept for the next photo of the same size (<see cref="KeptArrays{T}"/>). A phone photo
/// decodes to 12 MB: libjpeg-turbo decodes one in ~19 ms into memory it wrote before and in ~28–34 ms into a new array.
/// Phones send few distinct sizes, so an exact-length array comes back often. Also home to the pools of a job's
/// canvas-sized images and masks, which the studio gives back once the painting is encoded.
/// </summary>
public sealed class PhotoBuffers(long capacity = PhotoBuffers.DefaultCapacity) : KeptArrays<byte>(capacity)
{
    /// <summary>Five 12-megapixel phone photos at the worker's 1/2 decode (12 MB each).</summary>
    public const long DefaultCapacity = 64L << 20;

    /// <summary>Smaller arrays are cheap to allocate and are not kept.</summary>
    public const int MinLength = MinBytes;

    /// <summary>
    /// The canvas-sized images of a job (framed photo, sitter on the ground, painting, toned painting: 1.3 MB each at
    /// 512×640). New, their first writes were the slow tail of framing, seating and toning (`perf record -e page-faults`).
    /// </summary>
    public static PhotoBuffers Canvases { get; } = new(32L << 20);

    /// <summary>The person masks of jobs (1.3 MB of floats at 512×640).</summary>
    public static KeptArrays<float> Masks { get; } = new(16L << 20);
}
