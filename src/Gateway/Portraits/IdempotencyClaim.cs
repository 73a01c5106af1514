namespace RenderFarm.Gateway.Portraits;

/// <summary>What an Idempotency-Key says about a request: new, a replay of a finished one, still running, or reused for other content.</summary>
public sealed record IdempotencyClaim(IdempotencyClaimKind Kind, Guid JobId = default, string? DeleteToken = null)
{
    public static IdempotencyClaim New() => new(IdempotencyClaimKind.New);
    public static IdempotencyClaim Replay(Guid jobId, string deleteToken) => new(IdempotencyClaimKind.Replay, jobId, deleteToken);
    public static IdempotencyClaim InProgress() => new(IdempotencyClaimKind.InProgress);
    public static IdempotencyClaim Mismatch() => new(IdempotencyClaimKind.Mismatch);
}

public enum IdempotencyClaimKind
{
    New,
    Replay,
    InProgress,
    Mismatch,
}
