using Microsoft.Extensions.Options;
using RenderFarm.Contracts;
using RenderFarm.Farm.Jobs;
using RenderFarm.Farm.Painters;
using RenderFarm.Gateway.Defences;
using RenderFarm.Gateway.Uploads;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Gateway.Portraits;

public static class PortraitEndpoints
{
    static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public static WebApplicationBuilder AddPortraitIntake(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<GalleryLinkOptions>().BindConfiguration(GalleryLinkOptions.Section);
        // Scoped: it sends through MassTransit's scoped ISendEndpointProvider.
        builder.Services.AddScoped<PortraitIntake>();
        builder.Services.AddSingleton<PortraitCanceller>();
        builder.Services.AddSingleton<IdempotencyStore>();
        builder.Services.AddSingleton<JobProgress>();
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

    static async Task<IResult> SubmitAsync(
        HttpRequest request, UploadInspector inspector, PainterCatalog painters, PortraitIntake intake, IdempotencyStore idempotency,
        LoadShedder shedder, CancellationToken cancellationToken)
    {
        if (shedder.ShouldShed() is { } wait)
        {
            JobMetrics.RecordRefused(ErrorCodes.QueueFull);
            return ProblemResults.Problem(StatusCodes.Status503ServiceUnavailable, ErrorCodes.QueueFull,
                "The painters are too busy to take more photos right now; please try again later.", wait);
        }

        if (!request.HasFormContentType)
            return ProblemResults.Problem(StatusCodes.Status400BadRequest, ErrorCodes.MissingFile,
                "Send the photo as multipart/form-data in the field \"photo\".");

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Reject(inspector.TooLarge());
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase))
        {
            return Reject(inspector.TooLarge());
        }
        catch (InvalidDataException)
        {
            return ProblemResults.Problem(StatusCodes.Status400BadRequest, ErrorCodes.InvalidField, "The form data is malformed.");
        }

        var photo = form.Files.GetFile("photo");
        if (photo is null)
            return ProblemResults.Problem(StatusCodes.Status400BadRequest, ErrorCodes.MissingFile, "No file in the field \"photo\".");

        var style = form["style"].ToString().Trim().ToLowerInvariant();
        if (style.Length == 0) style = StyleNames.Auto;
        if (style != StyleNames.Auto && !painters.Contains(style))
            return ProblemResults.Problem(StatusCodes.Status400BadRequest, ErrorCodes.UnknownStyle,
                $"Unknown style \"{Truncate(style)}\"; GET /api/styles lists the styles.");

        if (!TryParseListed(form["listed"].ToString(), out var listed))
            return ProblemResults.Problem(StatusCodes.Status400BadRequest, ErrorCodes.InvalidField, "\"listed\" must be true or false.");

        if (inspector.CheckSize(photo.Length) is { } sizeProblem)
            return Reject(sizeProblem);

        var bytes = new byte[photo.Length];
        await using (var stream = photo.OpenReadStream())
            await stream.ReadExactlyAsync(bytes, cancellationToken);

        var (image, rejection) = inspector.Inspect(bytes);
        if (rejection is not null)
            return Reject(rejection);

        var idempotencyKey = request.Headers[IdempotencyKeyHeader].ToString();
        var requestHash = IdempotencyStore.HashRequest(bytes, style, listed);
        if (idempotencyKey.Length > 0)
        {
            if (idempotencyKey.Length > 255)
                return ProblemResults.Problem(StatusCodes.Status400BadRequest, ErrorCodes.InvalidField, "Idempotency-Key is longer than 255 characters.");
            var claim = await idempotency.ClaimAsync(idempotencyKey, requestHash);
            switch (claim.Kind)
            {
                case IdempotencyClaimKind.Replay:
                    return AcceptedAnswer(claim.JobId, claim.DeleteToken!);
                case IdempotencyClaimKind.InProgress:
                    return ProblemResults.Problem(StatusCodes.Status409Conflict, ErrorCodes.IdempotencyInProgress,
                        "A request with this Idempotency-Key is still being accepted; retry in a moment.", TimeSpan.FromSeconds(1));
                case IdempotencyClaimKind.Mismatch:
                    return ProblemResults.Problem(StatusCodes.Status422UnprocessableEntity, ErrorCodes.IdempotencyKeyReused,
                        "This Idempotency-Key was used for a different photo or options.");
            }
        }

        try
        {
            var (jobId, deleteToken) = await intake.AcceptAsync(image!, style, listed, cancellationToken);
            if (idempotencyKey.Length > 0)
                await idempotency.CompleteAsync(idempotencyKey, requestHash, jobId, deleteToken);
            return AcceptedAnswer(jobId, deleteToken);
        }
        catch (FarmUnavailableException)
        {
            if (idempotencyKey.Length > 0)
                await idempotency.ReleaseAsync(idempotencyKey);
            return ProblemResults.Problem(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable,
                "The farm cannot take photos right now; nothing was kept. Try again shortly.", RetryAfter);
        }
    }

    static IResult AcceptedAnswer(Guid jobId, string deleteToken)
    {
        JobMetrics.RecordAccepted();
        var statusUrl = $"/api/portraits/{jobId}";
        return Results.Accepted(statusUrl, new AcceptedJobView(jobId, JobStatus.Queued, statusUrl, deleteToken));
    }

    /// <summary>A client's key for one logical upload: retries with the same key and content get the same job.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    static async Task<IResult> GetAsync(Guid id, JobProgress progress, HttpResponse response)
    {
        var view = await progress.GetAsync(id);
        response.Headers.CacheControl = "no-store";
        return view is null
            ? ProblemResults.Problem(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "No such job (it may have expired).")
            : Results.Ok(view);
    }

    static async Task<IResult> EventsAsync(Guid id, JobProgress progress, CancellationToken cancellationToken)
    {
        if (await progress.GetAsync(id) is null)
            return ProblemResults.Problem(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "No such job (it may have expired).");
        return TypedResults.ServerSentEvents(StatusEvents.StreamAsync(id, progress, cancellationToken));
    }

    static async Task<IResult> CancelAsync(Guid id, HttpRequest request, PortraitCanceller canceller, IOptions<GalleryLinkOptions> links,
        PainterCatalog painters, CancellationToken cancellationToken)
    {
        var (outcome, job) = await canceller.CancelAsync(id, request.Headers[FarmHeaders.DeleteToken].ToString(), cancellationToken);
        return outcome switch
        {
            CancelOutcome.Canceled => Results.Ok(JobStatusView.From(job!, links.Value, painters)),
            CancelOutcome.AlreadyEnded => ProblemResults.Problem(StatusCodes.Status409Conflict, ErrorCodes.NotCancelable,
                $"The job already ended as {job!.Status}; a painting is removed with DELETE /api/gallery/{{id}}."),
            _ => ProblemResults.Problem(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "No such job, or the delete token does not match."),
        };
    }

    /// <summary>Header carrying the uploader's secret deletion token.</summary>

    static IResult Reject(UploadRejection rejection)
    {
        JobMetrics.RecordRefused(rejection.Code);
        return ProblemResults.Problem(rejection.Status, rejection.Code, rejection.Message);
    }

    static bool TryParseListed(string value, out bool listed)
    {
        listed = false;
        switch (value.Trim().ToLowerInvariant())
        {
            case "": case "false": case "0": case "off": return true;
            case "true": case "1": case "on": listed = true; return true;
            default: return false;
        }
    }

    static string Truncate(string value) => value.Length <= 40 ? value : value[..40];
}
