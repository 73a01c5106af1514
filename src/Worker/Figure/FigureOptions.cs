using System.ComponentModel.DataAnnotations;

namespace RenderFarm.Worker.Figure;

/// <summary>The person mask that separates the sitter from the photo's surroundings. Section "Figure".</summary>
public sealed class FigureOptions
{
    public const string Section = "Figure";

    /// <summary>Model file (MediaPipe Selfie Segmentation), searched for in Painters:ModelDirectories. Empty turns it off.</summary>
    public string File { get; set; } = "selfie-segmentation.onnx";

    /// <summary>Pinned SHA-256 of the file.</summary>
    public string Sha256 { get; set; } = "8df7fa272cc78999a3d7161113730ace5b0fdf1cc93b53166a5c9db79b79f328";

    /// <summary>
    /// Below this share of the canvas the "person" is noise or a far-away figure: the full frame is painted instead,
    /// since a cut-out would leave a painting of an empty studio.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinCoverage { get; set; } = 0.05;
}
