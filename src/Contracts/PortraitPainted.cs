namespace RenderFarm.Contracts;

/// <summary>
/// Event: a job's painting is stored in the gallery and its source photo is deleted. An integration hook: no farm
/// service consumes it; a deployment binds its own queue to the exchange to notify, count or audit.
/// </summary>
public record PortraitPainted(
    Guid JobId,
    string GalleryId,
    string Style,
    bool Listed,
    DateTimeOffset CompletedAt);
