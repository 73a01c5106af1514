using System.Runtime.Intrinsics;

namespace RenderFarm.Worker.Imaging;

/// <summary>
/// Eight RGBA pixels as one vector of 32-bit lanes (a pixel's four bytes little-endian, R lowest), the way the
/// worker's per-pixel loops read an <see cref="RgbaImage"/> eight pixels at a time.
/// </summary>
public static class PixelLanes
{
    /// <summary>Each pixel's R, G and B (0..255) in the lanes of three integer vectors; alpha is left out.</summary>
    public static (Vector256<int> R, Vector256<int> G, Vector256<int> B) Channels(Vector256<uint> pixels)
    {
        var channel = Vector256.Create(0xFFu);
        return ((pixels & channel).AsInt32(), ((pixels >> 8) & channel).AsInt32(), ((pixels >> 16) & channel).AsInt32());
    }
}
