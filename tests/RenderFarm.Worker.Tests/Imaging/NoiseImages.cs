using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Tests.Imaging;

/// <summary>Images of random bytes in every channel, the same for the same seed: every pixel differs from its neighbours.</summary>
public static class NoiseImages
{
    public static RgbaImage Of(int width, int height, int seed)
    {
        var image = RgbaImage.Allocate(width, height);
        new Random(seed).NextBytes(image.Pixels);
        return image;
    }
}
