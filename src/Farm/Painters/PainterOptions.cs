using System.ComponentModel.DataAnnotations;

namespace RenderFarm.Farm.Painters;

/// <summary>Where painters come from. Section "Painters".</summary>
public sealed class PainterOptions
{
    public const string Section = "Painters";

    /// <summary>Path of the manifest listing every painter.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Manifest { get; set; } = "models/manifest.json";

    /// <summary>
    /// Directories searched, in order, for each painter's file: ONNX models and artwork images alike. A painter whose
    /// file is in none is unavailable.
    /// </summary>
    public List<string> ModelDirectories { get; set; } = ["models"];

    /// <summary>
    /// The house style: painted by style=auto when no artwork is chosen for the photo's character. Where it is not
    /// installed, the manifest's first available painter.
    /// </summary>
    public string DefaultStyle { get; set; } = "rembrandt-two-circles";
}
