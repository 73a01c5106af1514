using Microsoft.Extensions.Options;

namespace RenderFarm.Worker.Pipeline;

/// <summary>
/// Lets one large photo at a time through decoding and framing (where it is held at its full decoded size), so a
/// worker's memory grows by about one of the largest photos, not by one per stage thread. A large PNG cannot be
/// decoded smaller (only JPEG and WebP scale in the decoder). Small photos pass without waiting. The size comes from
/// the header alone; the wait is asynchronous, off the stage threads.
/// </summary>
public sealed class LargePhotoGate(SourceDecoder decoder, IOptions<DecoderOptions> options) : IDisposable
{
    readonly SemaphoreSlim gate = new(1, 1);
    readonly long largeBytes = (long)options.Value.LargePhotoMiB * 1024 * 1024;

    /// <summary>Null for a photo that decodes small; otherwise the gate's slot, held until disposed.</summary>
    public async Task<IDisposable?> EnterAsync(byte[] photo, CancellationToken cancellationToken)
    {
        if (decoder.DecodedBytes(photo) <= largeBytes)
            return null;
        await gate.WaitAsync(cancellationToken);
        return new Slot(gate);
    }

    public void Dispose() => gate.Dispose();

    sealed class Slot(SemaphoreSlim gate) : IDisposable
    {
        int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) != 0)
                return;
            // The full-size pixels are garbage now, but a large-object-heap array waits for a full collection: without
            // one, eight large photos in a row grew the worker by ~850 MiB (measured). A forced collection freed them,
            // yet the runtime kept the freed regions committed and resident for later, and the next photo often went
            // into new ones: 466–558 MiB in some runs of LargePhotoMemoryTests (its limit is 453), ~260 in others, by
            // timing. The aggressive mode also gives the free regions back to the system (RSS fell ~190 MiB at each
            // photo): 253–261 MiB in 6 of 6 runs. It costs a pause of ~20–45 ms (~270 ms the first time, compacting
            // everything the worker made since it started), once per photo of over LargePhotoMiB, whose decoding alone
            // takes about a second.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            gate.Release();
        }
    }
}
