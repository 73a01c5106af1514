using System.Text.RegularExpressions;
using Azure;
using Azure.Storage.Blobs.Models;
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
            try
            {
                var ifNoneMatch = http.Request.Headers.IfNoneMatch.ToString();
                var download = await DownloadAsync(containers, name, cancellationToken);
                var etag = download.Value.Details.ETag.ToString("H");
                http.Response.Headers.CacheControl = options.Value.ImageCacheControl;
                http.Response.Headers.XContentTypeOptions = "nosniff";
                if (ifNoneMatch.Length > 0 && ifNoneMatch.Split(',').Any(t => t.Trim() == etag))
                {
                    await download.Value.Content.DisposeAsync();
                    http.Response.Headers.ETag = etag;
                    return TypedResults.StatusCode(StatusCodes.Status304NotModified);
                }
                return TypedResults.Stream(download.Value.Content, download.Value.Details.ContentType ?? "image/jpeg",
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

    /// <summary>The blob of that name; a painting stored before 0.10 as WebP answers to its .jpg name too.</summary>
    static async Task<Response<BlobDownloadStreamingResult>> DownloadAsync(FarmBlobContainers containers, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await containers.Gallery.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && name.EndsWith(".jpg", StringComparison.Ordinal))
        {
            return await containers.Gallery.GetBlobClient(Path.ChangeExtension(name, ".webp")).DownloadStreamingAsync(cancellationToken: cancellationToken);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{16,64}(-thumb)?\\.(jpg|webp)$")]
    private static partial Regex ImageName();
}
