using System.ComponentModel.DataAnnotations;

namespace RenderFarm.Worker.Pipeline;

/// <summary>How the worker decodes source photos. Section "Decoder".</summary>
public sealed class DecoderOptions
{
    public const string Section = "Decoder";

    /// <summary>Refuses to allocate more than this many pixels, whatever the Gateway let through.</summary>
    [Range(1, long.MaxValue)]
    public long MaxPixels { get; set; } = 60_000_000;

    /// <summary>
    /// A JPEG is decoded at 1/2, 1/4 or 1/8 of its size (scaled in the decoder itself, so it also decodes faster)
    /// while its shorter side stays at least this: twice the canvas height, so a head-and-shoulders crop of a phone
    /// photo still has more pixels than the canvas. 0 decodes every photo at full size.
    /// </summary>
    [Range(0, 100_000)]
    public int MinShortSide { get; set; } = 1280;

    /// <summary>
    /// Photos that take more than this many MiB once decoded go through decoding and framing one at a time
    /// (<see cref="LargePhotoGate"/>); a 12 MP phone JPEG decodes at half size (12 MiB) and never waits.
    /// </summary>
    [Range(1, 100_000)]
    public int LargePhotoMiB { get; set; } = 64;
}
