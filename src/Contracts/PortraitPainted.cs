namespace RenderFarm.Contracts;

/// <summary>Event: a job's painting is stored in the gallery and its source photo is deleted.</summary>
public record PortraitPainted(
    Guid JobId,
    string GalleryId,
    string Style,
    bool Listed,
    DateTimeOffset CompletedAt);
