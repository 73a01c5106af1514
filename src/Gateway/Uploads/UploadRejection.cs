namespace RenderFarm.Gateway.Uploads;

/// <summary>Why an upload was refused: an HTTP status, a machine-readable code and words for a person.</summary>
public sealed record UploadRejection(int Status, string Code, string Message);
