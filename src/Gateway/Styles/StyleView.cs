using RenderFarm.Contracts;
using RenderFarm.Farm.Painters;

namespace RenderFarm.Gateway.Styles;

/// <summary>
/// One choice on GET /api/styles. Artworks also say who painted what and when, and link a small image of the work;
/// for "auto" and the built-in painters those fields are null.
/// </summary>
public sealed record StyleView(
    string Name,
    string Medium,
    string Description,
    string? Artist = null,
    string? Title = null,
    int? Year = null,
    string? Attribution = null,
    string? ImageUrl = null)
{
    public static readonly StyleView Auto = new(StyleNames.Auto, StyleNames.Auto, "Let the painter choose from the photo.");

    public static StyleView From(PainterDescriptor painter) => painter.IsArtwork
        ? new(painter.Name, painter.Medium, painter.Description, painter.Artist, painter.Title, painter.Year,
            painter.Attribution, ArtworkImageRoute.UrlFor(painter))
        : new(painter.Name, painter.Medium, painter.Description);
}
