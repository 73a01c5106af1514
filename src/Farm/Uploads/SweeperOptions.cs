using System.ComponentModel.DataAnnotations;

namespace RenderFarm.Farm.Uploads;

/// <summary>How often the upload sweeper looks for photos past Jobs:UploadTtl. Section "Sweeper".</summary>
public sealed class SweeperOptions
{
    public const string Section = "Sweeper";

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}
