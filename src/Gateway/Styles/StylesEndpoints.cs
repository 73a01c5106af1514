using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using RenderFarm.Contracts;
using RenderFarm.Farm.Painters;
using RenderFarm.Gateway.Defences;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Gateway.Styles;

public static class StylesEndpoints
{
    /// <summary>The artworks' small images, made once and kept in memory.</summary>
    public static WebApplicationBuilder AddStyles(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ArtworkThumbnails>();
        return builder;
    }

    /// <summary>
    /// GET /api/styles: "auto" and every painter whose model this deployment has, artworks with who, what and when;
    /// GET /api/styles/{name}/image: an artwork's small image.
    /// </summary>
    public static IEndpointRouteBuilder MapStylesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/styles", (PainterCatalog painters) =>
                TypedResults.Ok(new StylesView(painters.Painters.Select(StyleView.From).Prepend(StyleView.Auto).ToArray())))
            .RequireRateLimiting(RateLimitingExtensions.ReadPolicy);
        app.MapGet(ArtworkImageRoute.Pattern, GetArtworkImage).RequireRateLimiting(RateLimitingExtensions.ReadPolicy);
        return app;
    }

    // The name -> file mapping is pinned by SHA-256 and the link carries it, so the image never changes under its URL:
    // browsers keep it a day without asking, and an If-None-Match revalidation gets 304 (TypedResults.Bytes does that).
    static Results<FileContentHttpResult, CodedProblem> GetArtworkImage(string name, ArtworkThumbnails thumbnails, HttpResponse response)
    {
        if (thumbnails.Find(name) is not { } thumbnail)
            return ProblemResults.Problem(StatusCodes.Status404NotFound, ErrorCodes.NotFound,
                $"No artwork called \"{(name.Length <= 40 ? name : name[..40])}\" has an image here; GET /api/styles lists the artworks.");
        response.Headers.CacheControl = "public, max-age=86400, immutable";
        return TypedResults.Bytes(thumbnail.Bytes, thumbnail.ContentType, entityTag: new EntityTagHeaderValue(thumbnail.ETag));
    }
}
