namespace RenderFarm.Gateway.Uploads;

/// <summary>An upload that passed every check: its bytes and what its header says.</summary>
public sealed record InspectedImage(byte[] Bytes, string ContentType, int Width, int Height);
