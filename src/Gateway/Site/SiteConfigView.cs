namespace RenderFarm.Gateway.Site;

/// <summary>GET /api/config: what the upload page needs before a user picks a photo.</summary>
public sealed record SiteConfigView(string GalleryBaseUrl, long MaxUploadBytes, IReadOnlyList<string> AcceptedTypes);
