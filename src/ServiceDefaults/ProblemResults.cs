using Microsoft.AspNetCore.Http;

namespace RenderFarm.ServiceDefaults;

/// <summary>application/problem+json answers that always carry a machine-readable "code".</summary>
public static class ProblemResults
{
    public static IResult Problem(int status, string code, string message, TimeSpan? retryAfter = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        var problem = Results.Problem(statusCode: status, title: message, type: $"https://renderfarm.dev/errors/{code}", extensions: extensions);
        return retryAfter is { } wait ? new RetryAfterResult(problem, wait) : problem;
    }

    sealed class RetryAfterResult(IResult inner, TimeSpan retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
            return inner.ExecuteAsync(httpContext);
        }
    }
}
