using Microsoft.AspNetCore.Http.HttpResults;
using RenderFarm.Contracts;
using RenderFarm.Farm.Gallery;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Gallery.Feed;

public static class TakedownEndpoints
{

    // Compared against when the id is unknown, so a miss costs the same as a wrong token.
    static readonly string DecoyHash = DeleteTokens.Hash(DeleteTokens.Create());

    /// <summary>DELETE /api/gallery/{id} with X-Delete-Token: removes both images and the feed entry.</summary>
    public static IEndpointRouteBuilder MapGalleryTakedown(this IEndpointRouteBuilder app)
    {
        app.MapDelete("/api/gallery/{id}", async Task<Results<NoContent, CodedProblem>> (string id, HttpRequest request,
            GalleryStore gallery, GalleryPaintings paintings, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            var item = id.Length <= 64 ? await gallery.GetAsync(id) : null;
            var token = request.Headers[FarmHeaders.DeleteToken].ToString();
            var matches = DeleteTokens.Matches(token, item?.DeleteTokenHash ?? DecoyHash);
            // Unknown id and wrong token answer alike: nobody learns which ids exist.
            if (item is null || !matches)
                return ProblemResults.Problem(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "No such painting, or the delete token does not match.");

            await paintings.DeleteAsync(item.Id, cancellationToken);
            loggers.CreateLogger("RenderFarm.Gallery.Takedown").TakenDown();
            return TypedResults.NoContent();
        });
        return app;
    }
}
