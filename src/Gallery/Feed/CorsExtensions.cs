using RenderFarm.Contracts;
namespace RenderFarm.Gallery.Feed;

public static class CorsExtensions
{
    public const string Section = "Cors";

    /// <summary>
    /// The upload page (on the Gateway's origin) shows paintings and takes them down: allow exactly those origins to
    /// GET and DELETE with the X-Delete-Token header. "Cors:AllowedOrigins" lists them.
    /// </summary>
    public static WebApplicationBuilder AddGalleryCors(this WebApplicationBuilder builder)
    {
        var origins = builder.Configuration.GetSection($"{Section}:AllowedOrigins").Get<string[]>()
                      ?? ["http://127.0.0.1:8080", "http://localhost:8080"];
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(origins.Select(o => o.TrimEnd('/')).ToArray())
            .WithMethods("GET", "DELETE")
            .WithHeaders(FarmHeaders.DeleteToken)
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        return builder;
    }
}
