namespace RenderFarm.Contracts;

/// <summary>
/// Event: a job ended without a painting; its source photo is deleted. An integration hook like
/// <see cref="PortraitPainted"/>: no farm service consumes it.
/// </summary>
/// <param name="ErrorCode">Machine-readable code, one of <see cref="ErrorCodes"/>.</param>
public record PortraitFailed(
    Guid JobId,
    string ErrorCode,
    string ErrorMessage,
    DateTimeOffset FailedAt);
