using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace RenderFarm.ServiceDefaults;

/// <summary>
/// A typed problem+json answer with the farm's machine-readable <c>code</c> (and a Retry-After where waiting helps),
/// usable in an endpoint's <c>Results&lt;…&gt;</c> union like the framework's own typed results.
/// </summary>
public sealed class CodedProblem(int statusCode, string code, string message, TimeSpan? retryAfter = null)
    : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public int StatusCode { get; } = statusCode;
    int? IStatusCodeHttpResult.StatusCode => StatusCode;
    public string Code { get; } = code;
    public string Message { get; } = message;
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        if (RetryAfter is { } wait)
            httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCode, title: Message, type: $"https://renderfarm.dev/errors/{Code}",
            extensions: new Dictionary<string, object?> { ["code"] = Code }).ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(ProblemDetails), ["application/problem+json"]));
}
