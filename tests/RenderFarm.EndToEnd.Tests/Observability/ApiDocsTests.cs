using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using RenderFarm.ServiceDefaults;
using RenderFarm.TestSupport;

namespace RenderFarm.EndToEnd.Tests.Observability;

/// <summary>
/// Each public service describes itself at /openapi/v1.json, generated from its endpoints: every route the README's
/// API table lists for it is there with its method, and the problem+json schema names every error code the README
/// lists (and the README lists every code there is). Swagger UI at /docs loads under the site's CSP.
/// </summary>
[Collection(SharedFarmCollection.Name)]
public sealed partial class ApiDocsTests(SharedFarm shared)
{
    static readonly string Readme = File.ReadAllText(Path.Combine(SharedData.RepoRoot, "README.md"));

    [GeneratedRegex(@"^\| (?<method>GET|POST|DELETE|PUT) \| (?<cell>[^|]+) \|", RegexOptions.Multiline)]
    private static partial Regex ApiRow();

    [GeneratedRegex(@"`(/[^`]*)`")]
    private static partial Regex PathInCell();

    [GeneratedRegex(@"\{[^}]+\}[^/]*")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"`([a-z][a-z._]*)`")]
    private static partial Regex Code();

    /// <summary>"/api/gallery?limit=" → "/api/gallery"; "/images/{id}.jpg" and "/images/{name}" → "/images/{}".</summary>
    static string Normalize(string path) => Placeholder().Replace(path.Split('?')[0], "{}");

    static IEnumerable<(string Method, string Path)> ReadmeRoutes(string service) =>
        ApiRow().Matches(Readme).Where(m => m.Groups["cell"].Value.Contains($"({service})"))
            .SelectMany(m => PathInCell().Matches(m.Groups["cell"].Value).Select(p => (m.Groups["method"].Value, Normalize(p.Groups[1].Value))));

    static IEnumerable<string> ReadmeErrorCodes()
    {
        var section = Readme[Readme.IndexOf("Errors are", StringComparison.Ordinal)..Readme.IndexOf("## Painters", StringComparison.Ordinal)];
        var tableCodes = section.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(l => Code().Matches(l.Split('|')[1]).Select(c => c.Groups[1].Value));
        var workerParagraph = section[section.IndexOf("A job that fails", StringComparison.Ordinal)..];
        // The paragraph names statuses (failed, expired) and the field (error.code) beside the codes.
        var workerCodes = Code().Matches(workerParagraph).Select(c => c.Groups[1].Value).Where(c => c is not ("failed" or "expired") && !c.Contains('.'));
        return tableCodes.Concat(workerCodes).Distinct();
    }

    static async Task<JsonDocument> DescriptionAsync(HttpClient client)
    {
        using var response = await client.GetAsync(ApiDocsExtensions.DocumentPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Both_services_describe_every_route_and_error_code_the_readme_lists()
    {
        var farm = shared.Farm;
        var readmeCodes = ReadmeErrorCodes().ToList();
        Assert.Contains("malformed_form", readmeCodes);

        foreach (var (service, client) in new[] { ("Gateway", farm.GatewayClient), ("Gallery", farm.GalleryClient) })
        {
            using var description = await DescriptionAsync(client);
            var paths = description.RootElement.GetProperty("paths");
            var described = paths.EnumerateObject()
                .SelectMany(p => p.Value.EnumerateObject().Select(operation => (operation.Name.ToUpperInvariant(), Normalize(p.Name)))).ToHashSet();
            var routes = ReadmeRoutes(service).ToList();
            Assert.NotEmpty(routes);
            Assert.All(routes, route => Assert.True(described.Contains(route), $"{service}: {route.Method} {route.Path} is not described; described: {string.Join(", ", described)}"));

            var codes = description.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("CodedProblem")
                .GetProperty("properties").GetProperty("code").GetProperty("enum").EnumerateArray().Select(c => c.GetString()!).ToHashSet();
            Assert.All(readmeCodes, code => Assert.True(codes.Contains(code), $"{service}: error code {code} is not described"));
            Assert.All(codes, code => Assert.True(readmeCodes.Contains(code), $"error code {code} is missing from the README"));
        }
    }

    [Fact]
    public async Task Swagger_ui_loads_its_script_as_files_the_sites_csp_allows()
    {
        var farm = shared.Farm;

        using var page = await farm.GatewayClient.GetAsync($"/{ApiDocsExtensions.DocsPath}/index.html");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        // No inline script: every <script> has a src, relative, on this origin.
        var scripts = Regex.Matches(html, "<script[^>]*>").Select(m => m.Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, tag => Assert.Matches("src=\"(?!https?:|//)[^\"]+\"", tag));
        using var script = await farm.GatewayClient.GetAsync($"/{ApiDocsExtensions.DocsPath}/index.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }
}
