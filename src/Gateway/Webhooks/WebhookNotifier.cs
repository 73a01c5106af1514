using System.Net.Http.Headers;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Options;
using RenderFarm.Contracts;
using RenderFarm.Farm.Jobs;
using RenderFarm.Farm.Painters;
using RenderFarm.Gateway.Portraits;

namespace RenderFarm.Gateway.Webhooks;

/// <summary>
/// When a job ends (the worker's PortraitPainted / PortraitFailed), POSTs its public status — what GET
/// /api/portraits/{id} answers, never the photo — to the callback URL its uploader gave, signed
/// (<see cref="WebhookSignature"/>). A receiver that does not answer 2xx is tried again after each of
/// Webhooks:RetryIntervals; after the last attempt the failure is kept as a dead-letter record and the message is done.
/// </summary>
public sealed class WebhookNotifier(
    JobStore jobs,
    IOptions<GalleryLinkOptions> links,
    PainterCatalog painters,
    IHttpClientFactory clients,
    WebhookDeadLetters deadLetters,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookNotifier> logger) : IConsumer<PortraitPainted>, IConsumer<PortraitFailed>
{
    public const string HttpClientName = "webhooks";
    public const string EventHeader = "RenderFarm-Event", DeliveryHeader = "RenderFarm-Delivery";
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task Consume(ConsumeContext<PortraitPainted> context) => NotifyAsync(context, context.Message.JobId, "portrait.painted");

    public Task Consume(ConsumeContext<PortraitFailed> context) => NotifyAsync(context, context.Message.JobId, "portrait.failed");

    async Task NotifyAsync(ConsumeContext context, Guid jobId, string eventName)
    {
        // An ended job has no queue place: its public view comes straight from the one read of its record.
        if (await jobs.GetAsync(jobId) is not { Webhook: { } webhook } job)
            return;
        var status = JobStatusView.From(job, links.Value, painters);
        var attempt = context.GetRetryAttempt() + 1;
        var body = JsonSerializer.SerializeToUtf8Bytes(status, Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(options.Value.SigningSecret, time.GetUtcNow().ToUnixTimeSeconds(), body));
        request.Headers.Add(EventHeader, eventName);
        // The same for every attempt of one event: a receiver drops a duplicate by it.
        request.Headers.Add(DeliveryHeader, $"{jobId:N}.{eventName}");
        string outcome;
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, context.CancellationToken);
            if (response.IsSuccessStatusCode)
            {
                WebhookMetrics.Delivered(eventName, "delivered");
                logger.WebhookDelivered(jobId, eventName, (int)response.StatusCode, attempt);
                return;
            }
            outcome = $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !context.CancellationToken.IsCancellationRequested)
        {
            outcome = ex is TaskCanceledException ? "timed out" : $"no answer ({(ex as HttpRequestException)?.HttpRequestError})";
        }
        if (attempt <= options.Value.EffectiveRetryIntervals.Length)
        {
            logger.WebhookRetrying(jobId, eventName, outcome, attempt);
            throw new WebhookDeliveryException(outcome);
        }
        WebhookMetrics.Delivered(eventName, "dead_lettered");
        logger.WebhookGaveUp(jobId, eventName, outcome, attempt);
        await deadLetters.RecordAsync(jobId, eventName, attempt, outcome, time.GetUtcNow());
    }
}
