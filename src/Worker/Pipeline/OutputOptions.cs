using System.ComponentModel.DataAnnotations;

namespace RenderFarm.Worker.Pipeline;

/// <summary>How paintings are encoded (JPEG; quality 85 gives about the bytes WebP 90 gave). Section "Output".</summary>
public sealed class OutputOptions
{
    public const string Section = "Output";

    [Range(1, 100)]
    public int Quality { get; set; } = 85;

    [Range(16, 4096)]
    public int ThumbnailWidth { get; set; } = 256;

    [Range(1, 100)]
    public int ThumbnailQuality { get; set; } = 80;
}
