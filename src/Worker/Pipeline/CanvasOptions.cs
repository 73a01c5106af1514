using System.ComponentModel.DataAnnotations;

namespace RenderFarm.Worker.Pipeline;

/// <summary>The portrait canvas every photo is framed onto (4:5). Section "Canvas".</summary>
public sealed class CanvasOptions : IValidatableObject
{
    public const string Section = "Canvas";

    [Range(32, 4096)]
    public int Width { get; set; } = 512;

    [Range(32, 4096)]
    public int Height { get; set; } = 640;

    // Every painter network halves and doubles the picture twice: other sizes come back a different size.
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Width % 4 != 0 || Height % 4 != 0)
            yield return new ValidationResult($"Canvas {Width}x{Height}: both sides must be multiples of 4", [nameof(Width), nameof(Height)]);
    }
}
