namespace RenderFarm.Contracts;

/// <summary>Command: paint the uploaded photo of one job. Sent by the Gateway, consumed by a Worker.</summary>
/// <param name="JobId">The job this photo belongs to.</param>
/// <param name="SourceBlobName">Name of the private source blob in the uploads container.</param>
/// <param name="RequestedStyle">A painter name, or <see cref="StyleNames.Auto"/>.</param>
/// <param name="Listed">Whether the author opted in to the public feed.</param>
/// <param name="SubmittedAt">When the Gateway accepted the upload.</param>
public record PaintPortrait(
    Guid JobId,
    string SourceBlobName,
    string RequestedStyle,
    bool Listed,
    DateTimeOffset SubmittedAt);
