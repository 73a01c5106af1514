using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using RenderFarm.Contracts;

namespace RenderFarm.ServiceDefaults;

/// <summary>
/// The API description of a public service, generated from its endpoints by ASP.NET Core (Microsoft.AspNetCore.OpenApi)
/// at /openapi/v1.json, with the problem+json shape and every machine-readable error code; and Swagger UI over it at
/// /docs, whose page loads its script and configuration as files, so the site's CSP (script-src 'self') allows it.
/// </summary>
public static class ApiDocsExtensions
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string DocsPath = "docs";

    public static IServiceCollection AddFarmApiDocs(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas["CodedProblem"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Every error answer: application/problem+json with a machine-readable code.",
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                    ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. AllErrorCodes().Select(c => (JsonNode)JsonValue.Create(c))] },
                },
            };
            return Task.CompletedTask;
        }));

    public static WebApplication MapFarmApiDocs(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath);
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = DocsPath;
            ui.SwaggerEndpoint(DocumentPath, app.Environment.ApplicationName);
            ui.DocumentTitle = $"{app.Environment.ApplicationName} API";
        });
        return app;
    }

    /// <summary>The values of every constant in <see cref="ErrorCodes"/>.</summary>
    public static IEnumerable<string> AllErrorCodes() =>
        typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);
}
