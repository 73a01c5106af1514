using System.Text.RegularExpressions;
using Azure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using RenderFarm.Contracts;
using RenderFarm.Farm.Storage;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Gallery.Feed;

public static partial class ImageEndpoints
{
    /// <summary>
    /// GET /images/{name}: streams a painting or thumbnail. Caches keep it briefly (Feed:ImageCacheControl) and
    /// revalidate by ETag, so a takedown reaches them; a painting that is gone is not cached at all.
    /// </summary>
    public static IEndpointRouteBuilder MapGalleryImages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/images/{name}", async Task<Results<FileStreamHttpResult, StatusCodeHttpResult, CodedProblem>> (
            string name, HttpContext http, FarmBlobContainers containers, IOptions<FeedOptions> options, CancellationToken cancellationToken) =>
        {
            if (!ImageName().IsMatch(name))
                return ProblemResults.Problem(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "No such painting.");
            var blob = containers.Gallery.GetBlobClient(name);
            try
            {
                var ifNoneMatch = http.Request.Headers.IfNoneMatch.ToString();
                var download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
                var etag = download.Value.Details.ETag.ToString("H");
                http.Response.Headers.CacheControl = options.Value.ImageCacheControl;
                http.Response.Headers.XContentTypeOptions = "nosniff";
                if (ifNoneMatch.Length > 0 && ifNoneMatch.Split(',').Any(t => t.Trim() == etag))
                {
                    await download.Value.Content.DisposeAsync();
                    http.Response.Headers.ETag = etag;
                    return TypedResults.StatusCode(StatusCodes.Status304NotModified);
                }
                return TypedResults.Stream(download.Value.Content, download.Value.Details.ContentType ?? "image/webp",
                    entityTag: new EntityTagHeaderValue(etag));
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                http.Response.Headers.CacheControl = "no-store";
                return ProblemResults.Problem(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "No such painting.");
            }
        });
        return app;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{16,64}(-thumb)?\\.webp$")]
    private static partial Regex ImageName();
}
