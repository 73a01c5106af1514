using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using RedisRateLimiting;
using RenderFarm.Contracts;
using RenderFarm.Farm.Jobs;
using RenderFarm.ServiceDefaults;
using StackExchange.Redis;

namespace RenderFarm.Gateway.Defences;

public static class RateLimitingExtensions
{
    public const string UploadPolicy = "uploads";
    public const string ReadPolicy = "reads";

    /// <summary>
    /// ASP.NET Core's rate limiter with sliding windows kept in Redis (RedisRateLimiting), partitioned by a hash of the
    /// client address: every Gateway replica sees the same counts. Refusals are 429 problem+json with Retry-After.
    /// </summary>
    public static WebApplicationBuilder AddClientRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<RateLimitOptions>(RateLimitOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitSecretCheck>();
        builder.Services.AddSingleton<ClientKeys>();
        builder.Services.AddSingleton<EventStreamSlots>();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(UploadPolicy, context => Partition(context, "up", o => o.UploadsPerWindow));
            limiter.AddPolicy(ReadPolicy, context => Partition(context, "read", o => o.ReadsPerWindow));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(10);
                JobMetrics.RecordRefused(ErrorCodes.RateLimited);
                await ProblemResults.Problem(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited,
                    "Too many requests from you; wait a moment and try again.", wait).ExecuteAsync(rejected.HttpContext);
            };
        });
        return builder;
    }

    static RateLimitPartition<string> Partition(HttpContext context, string kind, Func<RateLimitOptions, int> limit)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var key = $"ratelimit:{kind}:{services.GetRequiredService<ClientKeys>().For(context)}";
        var redis = services.GetRequiredService<IConnectionMultiplexer>();
        return RedisRateLimitPartition.GetSlidingWindowRateLimiter(key, _ => new RedisSlidingWindowRateLimiterOptions
        {
            ConnectionMultiplexerFactory = () => redis,
            PermitLimit = limit(options),
            Window = options.Window,
        });
    }
}
