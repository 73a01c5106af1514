using System.ComponentModel.DataAnnotations;

namespace RenderFarm.Worker.Consumers;

/// <summary>
/// Back-off between attempts after a transient fault (<see cref="TransientFaults"/>: Redis, blob store or broker down
/// or slow). Section "PaintRetry". The default waits 1, 3, 6, 10, 20, 30 s and then a minute at a time, about 13
/// minutes in all: a transient fault never ends a job that its upload's time (Jobs:UploadTtl, 15 min) could still
/// see painted. After the last attempt the job fails, its photo is deleted and the message goes to the error queue
/// ("{queue}_error") for an operator; by then the sweeper would expire the job anyway.
/// </summary>
public sealed class PaintRetryOptions : IValidatableObject
{
    public const string Section = "PaintRetry";

    static readonly TimeSpan[] DefaultIntervals =
    [
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20),
        TimeSpan.FromSeconds(30), .. Enumerable.Repeat(TimeSpan.FromMinutes(1), 12),
    ];

    /// <summary>
    /// Waits before each retry; empty turns retries off. Null means the default: the configuration binder appends
    /// to an array it finds filled, so the default lives apart from the bound value.
    /// </summary>
    public TimeSpan[]? Intervals { get; set; }

    /// <summary>The intervals in force.</summary>
    public TimeSpan[] EffectiveIntervals => Intervals ?? DefaultIntervals;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (EffectiveIntervals.Length > 20)
            yield return new ValidationResult("At most 20 retries: a job held longer only delays its failure.", [nameof(Intervals)]);
        if (EffectiveIntervals.Any(i => i < TimeSpan.Zero || i > TimeSpan.FromMinutes(5)))
            yield return new ValidationResult("Each retry interval lies between 0 and 5 minutes.", [nameof(Intervals)]);
    }
}
