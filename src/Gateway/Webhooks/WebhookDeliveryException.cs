namespace RenderFarm.Gateway.Webhooks;

/// <summary>A callback the receiver did not accept (no 2xx, or no answer); retried by the endpoint's retry policy.</summary>
public sealed class WebhookDeliveryException(string outcome, Exception? inner = null)
    : Exception($"The webhook was not accepted: {outcome}.", inner)
{
    public string Outcome { get; } = outcome;
}
