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

    /// <summary>
    /// Which JPEG encoder: "auto" (the system's libjpeg-turbo where it loads, else Skia, with a warning),
    /// "libjpeg-turbo" (the worker does not start without it) or "skia". Both write the same baseline 4:2:0 JPEG;
    /// libjpeg-turbo's SIMD code does it ~5× faster (docs/PERFORMANCE.md).
    /// </summary>
    [AllowedValues("auto", "libjpeg-turbo", "skia")]
    public string JpegEncoder { get; set; } = "auto";

    /// <summary>Where the TurboJPEG library is (a soname the loader searches, or a path).</summary>
    [Required]
    public string TurboJpegLibrary { get; set; } = Imaging.TurboJpegLibrary.DefaultName;
}
