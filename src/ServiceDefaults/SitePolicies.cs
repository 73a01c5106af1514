using Microsoft.AspNetCore.Builder;

namespace RenderFarm.ServiceDefaults;

/// <summary>
/// Headers for every response of a public service: a strict Content-Security-Policy (no inline script or style, only
/// this origin plus the named ones for images and fetches), nosniff, no framing, no referrer leaks; and the static
/// pages from wwwroot with short caching (they are not fingerprinted) and HTML revalidated every time.
/// </summary>
public static class SitePolicies
{
    public static WebApplication UseSitePolicies(this WebApplication app, params string[] trustedOrigins)
    {
        var others = string.Join(' ', trustedOrigins.Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o.TrimEnd('/')));
        var csp = string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            $"img-src 'self' data: blob: {others}".TrimEnd(),
            $"connect-src 'self' {others}".TrimEnd(),
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'");
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = csp;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return next(context);
        });
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl =
                file.File.Name.EndsWith(".html", StringComparison.OrdinalIgnoreCase) ? "no-cache" : "public, max-age=300",
        });
        return app;
    }
}
