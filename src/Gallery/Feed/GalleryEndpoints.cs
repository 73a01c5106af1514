using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RenderFarm.Contracts;
using RenderFarm.Farm.Gallery;
using RenderFarm.Farm.Storage;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Gallery.Feed;

public static class GalleryEndpoints
{
    public static WebApplicationBuilder AddGalleryFeed(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddValidatedOptions<FeedOptions>(FeedOptions.Section);
        return builder;
    }

    /// <summary>GET /api/gallery?limit=&amp;before=: listed paintings, newest first, keyset-paged.</summary>
    public static IEndpointRouteBuilder MapGalleryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/gallery", async Task<Results<Ok<FeedPageView>, CodedProblem>> (
            HttpRequest request, int? limit, string? before, GalleryStore gallery, IOptions<FeedOptions> options) =>
        {
            var settings = options.Value;
            var size = Math.Clamp(limit ?? settings.DefaultPageSize, 1, settings.MaxPageSize);
            long? cursor = null;
            if (!string.IsNullOrEmpty(before))
            {
                if (!long.TryParse(before, out var parsed) || parsed < 0)
                    return ProblemResults.Problem(StatusCodes.Status400BadRequest, ErrorCodes.InvalidField, "\"before\" must be a cursor from a previous page.");
                cursor = parsed;
            }
            var page = await gallery.PageAsync(size, cursor);
            var baseUrl = settings.PublicBaseUrl.TrimEnd('/');
            return TypedResults.Ok(new FeedPageView(
                page.Items.Select(i => new FeedItemView(i.Id, i.Style, i.CreatedAt,
                    $"{baseUrl}/images/{FarmBlobContainers.PaintingBlobName(i.Id)}",
                    $"{baseUrl}/images/{FarmBlobContainers.ThumbnailBlobName(i.Id)}")).ToArray(),
                page.Next?.ToString()));
        });
        return app;
    }

}
