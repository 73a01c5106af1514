using System.ComponentModel.DataAnnotations;

namespace RenderFarm.Gateway.Portraits;

/// <summary>Where people fetch paintings: the public base URL of the Gallery service. Section "GalleryLinks".</summary>
public sealed class GalleryLinkOptions
{
    public const string Section = "GalleryLinks";

    [Required, Url]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:8081";

    public string ImageUrl(string galleryId) => $"{PublicBaseUrl.TrimEnd('/')}/images/{galleryId}.jpg";

    public string ThumbnailUrl(string galleryId) => $"{PublicBaseUrl.TrimEnd('/')}/images/{galleryId}-thumb.jpg";
}
