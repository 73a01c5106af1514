namespace RenderFarm.Worker.Lifecycle;

/// <summary>How often the upload sweeper looks for photos past Jobs:UploadTtl. Section "Sweeper".</summary>
public sealed class SweeperOptions
{
    public const string Section = "Sweeper";

    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}
