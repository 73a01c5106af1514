using RenderFarm.Farm.Painters;

namespace RenderFarm.Gateway.Styles;

/// <summary>The artwork a portrait was painted after, as the status view names it beside the painting.</summary>
public sealed record ArtworkView(string Artist, string Title, int? Year, string Medium, string Attribution, string ImageUrl)
{
    /// <summary>The artwork behind a painter name, or null for "auto", a built-in painter or a name this Gateway does not offer.</summary>
    public static ArtworkView? For(string? style, PainterCatalog painters) =>
        style is not null && painters.TryGet(style, out var painter, out _) && painter.IsArtwork
            ? new ArtworkView(painter.Artist ?? "", painter.Title ?? "", painter.Year, painter.Medium, painter.Attribution,
                ArtworkImageRoute.UrlFor(painter))
            : null;
}
