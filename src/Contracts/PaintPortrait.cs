namespace RenderFarm.Contracts;

/// <summary>
/// Command: paint the uploaded photo of one job. Sent by the Gateway, consumed by a Worker. It carries only the job:
/// what to paint and how (the photo, the requested style, the listed flag) is in the job record and the uploads
/// store, under that id, so a forged or replayed message can name a job but never another blob or another wish.
/// </summary>
/// <param name="JobId">The job this photo belongs to.</param>
/// <param name="SubmittedAt">When the Gateway accepted the upload.</param>
public record PaintPortrait(Guid JobId, DateTimeOffset SubmittedAt);
