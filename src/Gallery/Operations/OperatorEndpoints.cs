using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RenderFarm.Contracts;
using RenderFarm.Farm.Gallery;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Gallery.Operations;

public static class OperatorEndpoints
{
    static readonly string[] Reasons = ["abuse", "legal", "privacy", "other"];

    /// <summary>The admin API's options and the retention sweep.</summary>
    public static WebApplicationBuilder AddGalleryOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<OperatorOptions>(OperatorOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<RetentionSweeper>();
        return builder;
    }

    /// <summary>
    /// DELETE /api/admin/gallery/{id}?reason=abuse|legal|privacy|other with Authorization: Bearer &lt;Gallery:AdminKey&gt;:
    /// takes any painting down (an abuse report, a legal request) without the uploader's token. Audited by reason
    /// only: no gallery id, no address, no key.
    /// </summary>
    public static IEndpointRouteBuilder MapGalleryOperations(this IEndpointRouteBuilder app)
    {
        app.MapDelete("/api/admin/gallery/{id}", async Task<Results<NoContent, CodedProblem>> (string id, string? reason, HttpRequest request,
            IOptions<OperatorOptions> options, GalleryStore gallery, GalleryPaintings paintings, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            var audit = loggers.CreateLogger("RenderFarm.Gallery.Audit");
            if (!Authorized(request.Headers.Authorization.ToString(), options.Value.AdminKey))
            {
                audit.OperatorRefused();
                return ProblemResults.Problem(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, "The admin API needs Authorization: Bearer <admin key>.");
            }
            var why = reason?.ToLowerInvariant() ?? "other";
            if (!Reasons.Contains(why))
                return ProblemResults.Problem(StatusCodes.Status400BadRequest, ErrorCodes.InvalidField, $"reason must be one of {string.Join(", ", Reasons)}.");
            if (id.Length > 64 || await gallery.GetAsync(id) is null)
                return ProblemResults.Problem(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "No such painting.");

            await paintings.DeleteAsync(id, cancellationToken);
            audit.TakenDownByOperator(why);
            return TypedResults.NoContent();
        });
        return app;
    }

    // The uploaders' delete tokens' check: SHA-256 hashes compared in constant time, so timing leaks neither content nor length.
    static bool Authorized(string header, string adminKey) =>
        adminKey.Length > 0 && header.StartsWith("Bearer ", StringComparison.Ordinal)
        && DeleteTokens.Matches(header["Bearer ".Length..], DeleteTokens.Hash(adminKey));
}
