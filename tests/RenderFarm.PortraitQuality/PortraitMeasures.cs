using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Imaging;
using SkiaSharp;

namespace RenderFarm.PortraitQuality;

/// <summary>Image measures for portraits: skin lightness of a face, grey SSIM, mean absolute difference.</summary>
public static class PortraitMeasures
{
    /// <summary>Mean CIELAB L* over the middle of the face box (60% of its width and height: skin, not hair or background).</summary>
    public static double FaceLightness(RgbaImage image, FaceBox face)
    {
        var lightness = CieLab.LightnessOf(image.Pixels, image.Width * image.Height);
        double sum = 0;
        var count = 0;
        for (var y = (int)(face.CentreY - face.Height * 0.3f); y < (int)(face.CentreY + face.Height * 0.3f); y++)
            for (var x = (int)(face.CentreX - face.Width * 0.3f); x < (int)(face.CentreX + face.Width * 0.3f); x++)
            {
                if (x < 0 || y < 0 || x >= image.Width || y >= image.Height) continue;
                sum += lightness[y * image.Width + x];
                count++;
            }
        return count == 0 ? double.NaN : sum / count;
    }

    public static double MeanAbsoluteDifference(RgbaImage a, RgbaImage b)
    {
        long sum = 0;
        for (var i = 0; i < a.Pixels.Length; i++)
            if (i % 4 != 3) sum += Math.Abs(a.Pixels[i] - b.Pixels[i]);
        return sum / (a.Pixels.Length * 0.75);
    }

    /// <summary>Mean SSIM (Wang et al. 2004) over 8×8 windows of the luminance of both images scaled to width × height.</summary>
    public static double GreySsim(RgbaImage a, RgbaImage b, int width = 128, int height = 160)
    {
        var x = Grey(ImageOps.CropAndScale(a, SKRectI.Create(0, 0, a.Width, a.Height), width, height));
        var y = Grey(ImageOps.CropAndScale(b, SKRectI.Create(0, 0, b.Width, b.Height), width, height));
        const double c1 = 6.5025, c2 = 58.5225; // (0.01·255)², (0.03·255)²
        double total = 0;
        var windows = 0;
        for (var top = 0; top + 8 <= height; top += 4)
            for (var left = 0; left + 8 <= width; left += 4)
            {
                double mx = 0, my = 0, vx = 0, vy = 0, cov = 0;
                for (var r = top; r < top + 8; r++)
                    for (var c = left; c < left + 8; c++) { mx += x[r * width + c]; my += y[r * width + c]; }
                mx /= 64; my /= 64;
                for (var r = top; r < top + 8; r++)
                    for (var c = left; c < left + 8; c++)
                    {
                        double dx = x[r * width + c] - mx, dy = y[r * width + c] - my;
                        vx += dx * dx; vy += dy * dy; cov += dx * dy;
                    }
                vx /= 63; vy /= 63; cov /= 63;
                total += (2 * mx * my + c1) * (2 * cov + c2) / ((mx * mx + my * my + c1) * (vx + vy + c2));
                windows++;
            }
        return total / windows;
    }

    static double[] Grey(RgbaImage image)
    {
        var grey = new double[image.Width * image.Height];
        for (var i = 0; i < grey.Length; i++)
            grey[i] = 0.299 * image.Pixels[i * 4] + 0.587 * image.Pixels[i * 4 + 1] + 0.114 * image.Pixels[i * 4 + 2];
        return grey;
    }
}
