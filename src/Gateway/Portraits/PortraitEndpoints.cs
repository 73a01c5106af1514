using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RenderFarm.Contracts;
using RenderFarm.Farm.Jobs;
using RenderFarm.Farm.Painters;
using RenderFarm.Gateway.Defences;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Gateway.Portraits;

public static class PortraitEndpoints
{
    static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public static WebApplicationBuilder AddPortraitIntake(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddValidatedOptions<GalleryLinkOptions>(GalleryLinkOptions.Section);
        // Scoped: it sends through MassTransit's scoped ISendEndpointProvider.
        builder.Services.AddScoped<PortraitIntake>();
        builder.Services.AddSingleton<PortraitFormReader>();
        builder.Services.AddSingleton<PortraitCanceller>();
        builder.Services.AddSingleton<IdempotencyStore>();
        builder.Services.AddSingleton<JobProgress>();
        return builder;
    }

    /// <summary>The status streams' wait for announced changes, and how often they read their jobs anyway.</summary>
    public static WebApplicationBuilder AddStatusStreams(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<StatusStreamOptions>(StatusStreamOptions.Section);
        builder.Services.AddSingleton<JobStatusChanges>();
        return builder;
    }

    public static IEndpointRouteBuilder MapPortraitApi(this IEndpointRouteBuilder app)
    {
        var portraits = app.MapGroup("/api/portraits");
        portraits.MapPost("", SubmitAsync).DisableAntiforgery()
            .RequireRateLimiting(RateLimitingExtensions.UploadPolicy).WithRequestTimeout(DefenceExtensions.UploadTimeoutPolicy);
        portraits.MapGet("{id:guid}", GetAsync).WithName("GetPortrait").RequireRateLimiting(RateLimitingExtensions.ReadPolicy);
        portraits.MapGet("{id:guid}/events", EventsAsync).RequireRateLimiting(RateLimitingExtensions.ReadPolicy).DisableRequestTimeout();
        portraits.MapDelete("{id:guid}", CancelAsync).RequireRateLimiting(RateLimitingExtensions.ReadPolicy);
        return app;
    }

    static async Task<Results<Accepted<AcceptedJobView>, CodedProblem>> SubmitAsync(
        HttpRequest request, PortraitFormReader form, PortraitIntake intake, LoadShedder shedder, ClientKeys clients, CancellationToken cancellationToken)
    {
        if (shedder.ShouldShed() is { } wait)
        {
            JobMetrics.RecordRefused(ErrorCodes.QueueFull);
            return ProblemResults.Problem(StatusCodes.Status503ServiceUnavailable, ErrorCodes.QueueFull,
                "The painters are too busy to take more photos right now; please try again later.", wait);
        }
        var (portrait, refusal) = await form.ReadAsync(request, cancellationToken);
        if (refusal is not null)
            return refusal;

        var outcome = await intake.AcceptAsync(portrait!, request.Headers[IdempotencyKeyHeader].ToString(), clients.For(request.HttpContext), cancellationToken);
        return outcome.Kind switch
        {
            IntakeOutcomeKind.Accepted => AcceptedAnswer(outcome.JobId, outcome.DeleteToken!),
            IntakeOutcomeKind.KeyTooLong => ProblemResults.Problem(StatusCodes.Status400BadRequest, ErrorCodes.InvalidField,
                "Idempotency-Key is longer than 255 characters."),
            IntakeOutcomeKind.KeyInProgress => ProblemResults.Problem(StatusCodes.Status409Conflict, ErrorCodes.IdempotencyInProgress,
                "A request with this Idempotency-Key is still being accepted; retry in a moment.", TimeSpan.FromSeconds(1)),
            IntakeOutcomeKind.KeyReused => ProblemResults.Problem(StatusCodes.Status422UnprocessableEntity, ErrorCodes.IdempotencyKeyReused,
                "This Idempotency-Key was used for a different photo or options."),
            _ => ProblemResults.Problem(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable,
                "The farm cannot take photos right now; nothing was kept. Try again shortly.", RetryAfter),
        };
    }

    static Accepted<AcceptedJobView> AcceptedAnswer(Guid jobId, string deleteToken)
    {
        JobMetrics.RecordAccepted();
        var statusUrl = $"/api/portraits/{jobId}";
        return TypedResults.Accepted(statusUrl, new AcceptedJobView(jobId, JobStatus.Queued, statusUrl, deleteToken));
    }

    /// <summary>A client's key for one logical upload: retries with the same key and content get the same job.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    static async Task<Results<Ok<JobStatusView>, CodedProblem>> GetAsync(Guid id, JobProgress progress, HttpResponse response)
    {
        var view = await progress.GetAsync(id);
        response.Headers.CacheControl = "no-store";
        return view is null
            ? ProblemResults.Problem(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "No such job (it may have expired).")
            : TypedResults.Ok(view);
    }

    static async Task<Results<ServerSentEventsResult<JobStatusView>, CodedProblem>> EventsAsync(Guid id, JobProgress progress,
        JobStatusChanges changes, IOptions<StatusStreamOptions> options, EventStreamSlots streams, HttpContext context,
        CancellationToken cancellationToken)
    {
        var slot = streams.TryTake(context);
        if (!slot.IsAcquired)
        {
            slot.Dispose();
            JobMetrics.RecordRefused(ErrorCodes.TooManyStreams);
            return ProblemResults.Problem(StatusCodes.Status429TooManyRequests, ErrorCodes.TooManyStreams,
                "Too many open status streams; close one, or poll GET /api/portraits/{id}.", TimeSpan.FromSeconds(10));
        }
        // Given back when the response ends, whether the job ended, the client left or the stream failed.
        context.Response.RegisterForDispose(slot);
        if (await progress.GetAsync(id) is null)
            return ProblemResults.Problem(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "No such job (it may have expired).");
        return TypedResults.ServerSentEvents(StatusEvents.StreamAsync(id, progress, changes, options.Value, cancellationToken));
    }

    static async Task<Results<Ok<JobStatusView>, CodedProblem>> CancelAsync(Guid id, HttpRequest request, PortraitCanceller canceller,
        IOptions<GalleryLinkOptions> links, PainterCatalog painters, CancellationToken cancellationToken)
    {
        var (outcome, job) = await canceller.CancelAsync(id, request.Headers[FarmHeaders.DeleteToken].ToString(), cancellationToken);
        return outcome switch
        {
            CancelOutcome.Canceled => TypedResults.Ok(JobStatusView.From(job!, links.Value, painters)),
            CancelOutcome.AlreadyEnded => ProblemResults.Problem(StatusCodes.Status409Conflict, ErrorCodes.NotCancelable,
                $"The job already ended as {job!.Status}; a painting is removed with DELETE /api/gallery/{{id}}."),
            _ => ProblemResults.Problem(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "No such job, or the delete token does not match."),
        };
    }

}
