namespace RenderFarm.Contracts;

/// <summary>
/// Event: a job ended without a painting; its source photo is deleted. An integration hook like
/// <see cref="PortraitPainted"/>: no farm service consumes it.
/// </summary>
/// <param name="JobId">The job that ended.</param>
/// <param name="ErrorCode">Machine-readable code, one of <see cref="ErrorCodes"/>.</param>
/// <param name="ErrorMessage">The same in words, for a person.</param>
/// <param name="FailedAt">When the job ended.</param>
public record PortraitFailed(
    Guid JobId,
    string ErrorCode,
    string ErrorMessage,
    DateTimeOffset FailedAt);
