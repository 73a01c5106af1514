namespace RenderFarm.Worker.Imaging;

/// <summary>An 8-bit RGBA image (unpremultiplied, alpha unused), row-major: the pipeline's currency between stages.</summary>
public sealed record RgbaImage(int Width, int Height, byte[] Pixels)
{
    public static RgbaImage Allocate(int width, int height) => new(width, height, new byte[width * height * 4]);

    /// <summary>
    /// An image whose pixels come from <see cref="PhotoBuffers.Canvases"/>, their contents undefined: for a producer that
    /// writes every pixel. The studio gives a job's back once its painting is encoded.
    /// </summary>
    public static RgbaImage Rent(int width, int height) => new(width, height, PhotoBuffers.Canvases.Rent(width * height * 4));
}
