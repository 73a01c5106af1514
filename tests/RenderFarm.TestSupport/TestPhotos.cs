using SkiaSharp;

namespace RenderFarm.TestSupport;

/// <summary>Photos made from the shared test faces, for sizes the shared data does not have.</summary>
public static class TestPhotos
{
    /// <summary>A face photo resized to camera dimensions and saved as a JPEG, as a phone would upload it.</summary>
    public static byte[] CameraSizedJpeg(string face, int width, int height)
    {
        using var source = SKBitmap.Decode(SharedData.Face(face));
        using var resized = source.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKFilterMode.Linear));
        using var data = resized.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }
}
