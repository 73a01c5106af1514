using RenderFarm.Contracts;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Gateway.Styles;

public static class StylesEndpoints
{
    /// <summary>GET /api/styles: "auto" and every painter whose model this deployment has.</summary>
    public static IEndpointRouteBuilder MapStylesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/styles", (PainterCatalog painters) => Results.Ok(new
        {
            styles = painters.Painters
                .Select(p => new StyleView(p.Name, p.Medium, p.Description))
                .Prepend(new StyleView(StyleNames.Auto, StyleNames.Auto, "Let the painter choose from the photo."))
                .ToArray(),
        })).RequireRateLimiting(Defences.RateLimitingExtensions.ReadPolicy);
        return app;
    }
}
