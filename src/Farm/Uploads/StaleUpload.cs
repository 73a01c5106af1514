namespace RenderFarm.Farm.Uploads;

/// <summary>An upload older than its TTL: its blob, and its job when the name is a job id.</summary>
public sealed record StaleUpload(string BlobName, Guid? JobId);
