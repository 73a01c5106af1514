using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Figure;

/// <summary>
/// What the painter is given: the framed sitter on a ground that suits the medium (or the full frame), the person
/// mask it was cut with (null when the full frame is painted), the ground's tone and its painted image (shared:
/// read only), and a sentence for the job record.
/// </summary>
public sealed record Sitting(RgbaImage Image, PersonMask? Mask, GroundTone? Ground, RgbaImage? GroundImage, string Description);
