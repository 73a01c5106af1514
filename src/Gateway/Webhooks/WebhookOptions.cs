using System.ComponentModel.DataAnnotations;

namespace RenderFarm.Gateway.Webhooks;

/// <summary>Callbacks when a job ends (Replicate's "webhook"). Section "Webhooks".</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Key of the HMAC-SHA256 signature on every callback (a Secret, shared with the clients that verify them). Empty:
    /// the farm sends no webhooks and refuses uploads that name one (webhooks_disabled).
    /// </summary>
    public string SigningSecret { get; set; } = "";

    static readonly TimeSpan[] DefaultRetryIntervals =
        [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10)];

    /// <summary>
    /// Waits between attempts (one attempt more than there are intervals, then a dead-letter record); null means 5 s,
    /// 30 s, 2 min, 10 min. The default lives apart because the configuration binder appends to a filled array.
    /// </summary>
    public TimeSpan[]? RetryIntervals { get; set; }

    /// <summary>The intervals in force.</summary>
    public TimeSpan[] EffectiveRetryIntervals => RetryIntervals ?? DefaultRetryIntervals;

    /// <summary>How long one POST may take, connect to last byte.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Allow http and private, loopback and link-local addresses (SSRF protection off). For tests and a closed dev
    /// cluster only: in production a callback URL must not reach the farm's own network.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>How long a dead-letter record of an undeliverable callback is kept for an operator.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan DeadLetterTtl { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The queue the Gateways take job-end events from to send callbacks.</summary>
    [Required]
    public string Queue { get; set; } = "portrait-webhooks";

    public bool Enabled => SigningSecret.Length > 0;
}
