namespace RenderFarm.Worker.Imaging;

/// <summary>Encodes opaque RGBA pixels as a baseline JPEG (4:2:0) that carries nothing but the pixels: no EXIF, XMP or ICC.</summary>
public interface IJpegEncoder
{
    /// <summary>What the log and the benchmark call it.</summary>
    string Name { get; }

    byte[] Encode(RgbaImage image, int quality);
}
