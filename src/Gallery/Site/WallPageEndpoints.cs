namespace RenderFarm.Gallery.Site;

public static class WallPageEndpoints
{
    /// <summary>
    /// GET /wall: the gallery wall (wwwroot/index.html, also at "/"). Behind the public Ingress, which sends "/" to the
    /// Gateway's upload page, "/wall", "/wall.js" and "/wall.css" are the Gallery's.
    /// </summary>
    public static IEndpointRouteBuilder MapGalleryWall(this IEndpointRouteBuilder app)
    {
        app.MapGet("/wall", (IWebHostEnvironment environment, HttpResponse response) =>
        {
            response.Headers.CacheControl = "no-cache";
            return TypedResults.PhysicalFile(Path.Combine(environment.WebRootPath, "index.html"), "text/html; charset=utf-8");
        });
        return app;
    }
}
