namespace RenderFarm.Worker.Pipeline;

/// <summary>How paintings are encoded. Section "Output".</summary>
public sealed class OutputOptions
{
    public const string Section = "Output";

    public int Quality { get; set; } = 90;
    public int ThumbnailWidth { get; set; } = 256;
    public int ThumbnailQuality { get; set; } = 80;
}
