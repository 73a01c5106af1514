namespace RenderFarm.Worker.Pipeline;

/// <summary>The portrait canvas every photo is framed onto (4:5). Section "Canvas".</summary>
public sealed class CanvasOptions
{
    public const string Section = "Canvas";

    public int Width { get; set; } = 512;
    public int Height { get; set; } = 640;
}
