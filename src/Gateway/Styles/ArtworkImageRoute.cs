using RenderFarm.Farm.Painters;

namespace RenderFarm.Gateway.Styles;

/// <summary>Where an artwork's small image is served.</summary>
public static class ArtworkImageRoute
{
    public const string Pattern = "/api/styles/{name}/image";

    /// <summary>
    /// The image's link. It carries the start of the artwork's pinned SHA-256, so a new file under the same name gets a
    /// new URL and the "immutable" caching can never serve the old picture.
    /// </summary>
    public static string UrlFor(PainterDescriptor artwork) =>
        $"/api/styles/{Uri.EscapeDataString(artwork.Name)}/image?v={artwork.Sha256[..Math.Min(12, artwork.Sha256.Length)]}";
}
