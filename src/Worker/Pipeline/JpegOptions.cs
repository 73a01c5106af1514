using System.ComponentModel.DataAnnotations;

namespace RenderFarm.Worker.Pipeline;

/// <summary>Which library reads the JPEG photos and writes the JPEG paintings. Section "Jpeg".</summary>
public sealed class JpegOptions
{
    public const string Section = "Jpeg";

    /// <summary>
    /// "auto": the system's libjpeg-turbo (its SIMD build) where it loads, else Skia's, with a warning; "libjpeg-turbo":
    /// the worker does not start without it; "skia": Skia's alone. Skia builds its libjpeg-turbo without the SIMD code:
    /// it encodes a painting ~5× and decodes a phone photo ~2× slower (docs/PERFORMANCE.md). Photos that carry a
    /// colour profile other than sRGB, CMYK photos and files libjpeg-turbo warns about are always decoded by Skia, which
    /// converts them to sRGB or decides whether they are readable.
    /// </summary>
    [AllowedValues("auto", "libjpeg-turbo", "skia")]
    public string Codec { get; set; } = "auto";

    /// <summary>Where the TurboJPEG library is: a soname the loader searches, or a path.</summary>
    [Required]
    public string Library { get; set; } = Imaging.TurboJpegLibrary.DefaultName;
}
