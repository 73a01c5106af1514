using Microsoft.Extensions.Options;
using RenderFarm.Gateway.Portraits;
using RenderFarm.Gateway.Uploads;

namespace RenderFarm.Gateway.Site;

public static class SiteEndpoints
{
    static readonly string[] AcceptedTypes = ["image/jpeg", "image/png", "image/webp", "image/gif"];

    /// <summary>GET /api/config: what the upload page needs to know before a user picks a photo.</summary>
    public static IEndpointRouteBuilder MapSiteConfig(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/config", (IOptions<GalleryLinkOptions> links, IOptions<UploadOptions> uploads) =>
            TypedResults.Ok(new SiteConfigView(links.Value.PublicBaseUrl.TrimEnd('/'), uploads.Value.MaxBytes, AcceptedTypes)));
        return app;
    }
}
