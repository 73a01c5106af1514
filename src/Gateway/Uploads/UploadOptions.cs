namespace RenderFarm.Gateway.Uploads;

/// <summary>Limits on an uploaded photo. Section "Uploads".</summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    /// <summary>Largest file accepted, in bytes (default 20 MiB).</summary>
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Most pixels (width × height) accepted, read from the header before decoding (default 40 MP).</summary>
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>Smallest width or height accepted.</summary>
    public int MinDimension { get; set; } = 32;

    /// <summary>Largest width or height accepted.</summary>
    public int MaxDimension { get; set; } = 12_000;
}
