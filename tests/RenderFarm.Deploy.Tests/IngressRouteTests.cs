using System.Text.Json.Nodes;

namespace RenderFarm.Deploy.Tests;

/// <summary>
/// Through the rendered Ingress, each public path reaches the service that serves it: the gallery wall (the upload
/// page's "See the gallery wall" link goes to /wall) and its files go to the Gallery, not to the Gateway's "/".
/// </summary>
public sealed class IngressRouteTests
{
    /// <summary>The Service an Ingress sends <paramref name="path"/> to: an Exact match, else the longest Prefix match by path element.</summary>
    static string? ServiceFor(JsonObject ingress, string path)
    {
        var routes = ingress["spec"]!["rules"]![0]!["http"]!["paths"]!.AsArray().Select(p => (
            Path: p!["path"]!.GetValue<string>(), Type: p["pathType"]!.GetValue<string>(), Service: p["backend"]!["service"]!["name"]!.GetValue<string>())).ToList();
        if (routes.FirstOrDefault(r => r.Type == "Exact" && r.Path == path) is { Service: { } exact })
            return exact;
        return routes.Where(r => r.Type == "Prefix" && (r.Path == "/" || path == r.Path || path.StartsWith(r.Path.TrimEnd('/') + "/", StringComparison.Ordinal)))
            .OrderByDescending(r => r.Path.Length).Select(r => r.Service).FirstOrDefault();
    }

    [Theory]
    [InlineData("/wall", "gallery")]
    [InlineData("/wall.js", "gallery")]
    [InlineData("/wall.css", "gallery")]
    [InlineData("/api/gallery", "gallery")]
    [InlineData("/images/abc.jpg", "gallery")]
    [InlineData("/", "gateway")]
    [InlineData("/app.js", "gateway")]
    [InlineData("/api/portraits", "gateway")]
    [InlineData("/api/config", "gateway")]
    public async Task Each_public_path_reaches_the_service_that_serves_it(string path, string service)
    {
        var ingress = (await ManifestValidator.RenderDevAsync()).Find("Ingress", "renderfarm");

        Assert.Equal(service, ServiceFor(ingress, path));
    }
}
