namespace RenderFarm.Gateway.Portraits;

/// <summary>What became of an upload at the intake: accepted (or replayed for its Idempotency-Key), or why not.</summary>
public sealed record IntakeOutcome(IntakeOutcomeKind Kind, Guid JobId = default, string? DeleteToken = null)
{
    public static IntakeOutcome Accepted(Guid jobId, string deleteToken) => new(IntakeOutcomeKind.Accepted, jobId, deleteToken);
}

public enum IntakeOutcomeKind
{
    /// <summary>Stored, recorded and confirmed by the broker; or the same upload again under the same Idempotency-Key.</summary>
    Accepted,
    /// <summary>The Idempotency-Key is longer than 255 characters.</summary>
    KeyTooLong,
    /// <summary>The first request with this Idempotency-Key is still being accepted.</summary>
    KeyInProgress,
    /// <summary>This Idempotency-Key was used for a different photo or options.</summary>
    KeyReused,
    /// <summary>The blob store, Redis or the broker failed; nothing was kept.</summary>
    FarmUnavailable,
}
