namespace RenderFarm.Worker.Imaging;

/// <summary>An 8-bit RGBA image (unpremultiplied, alpha unused), row-major: the pipeline's currency between stages.</summary>
public sealed record RgbaImage(int Width, int Height, byte[] Pixels)
{
    public static RgbaImage Allocate(int width, int height) => new(width, height, new byte[width * height * 4]);
}
