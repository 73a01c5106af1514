using System.ComponentModel.DataAnnotations;

namespace RenderFarm.Gateway.Uploads;

/// <summary>Limits on an uploaded photo. Section "Uploads".</summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    /// <summary>Largest file accepted, in bytes (default 20 MiB).</summary>
    [Range(1, long.MaxValue)]
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Most pixels (width × height) accepted, read from the header before decoding (default 40 MP).</summary>
    [Range(1, long.MaxValue)]
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>Smallest width or height accepted.</summary>
    [Range(1, 100_000)]
    public int MinDimension { get; set; } = 32;

    /// <summary>Largest width or height accepted.</summary>
    [Range(1, 100_000)]
    public int MaxDimension { get; set; } = 12_000;

    /// <summary>
    /// Uploads read and checked at once by one Gateway (twice as many may wait). Each may cost a decoded image in
    /// memory: 2 × ~240 MiB worst case (a 40 MP progressive JPEG) stays well inside a 1 GiB pod.
    /// </summary>
    [Range(1, 256)]
    public int ConcurrentChecks { get; set; } = 2;

    /// <summary>Longest an upload may take from its first byte to the answer; past it, 408 request_timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}
