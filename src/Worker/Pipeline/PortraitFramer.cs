using Microsoft.Extensions.Options;
using RenderFarm.Worker.Painting;
using SkiaSharp;

namespace RenderFarm.Worker.Pipeline;

/// <summary>Fits a photo to the 4:5 portrait canvas: the largest centred crop of that shape, scaled to the canvas.</summary>
public sealed class PortraitFramer(IOptions<CanvasOptions> canvas)
{
    public FramedPortrait Frame(RgbaImage photo)
    {
        var (cw, ch) = (canvas.Value.Width, canvas.Value.Height);
        var aspect = (double)cw / ch;
        SKRectI crop;
        if ((double)photo.Width / photo.Height > aspect)
        {
            var width = (int)Math.Round(photo.Height * aspect);
            crop = SKRectI.Create((photo.Width - width) / 2, 0, width, photo.Height);
        }
        else
        {
            var height = (int)Math.Round(photo.Width / aspect);
            crop = SKRectI.Create(0, (photo.Height - height) / 2, photo.Width, height);
        }
        return new FramedPortrait(ImageOps.CropAndScale(photo, crop, cw, ch), $"centred crop {crop.Width}x{crop.Height} at ({crop.Left},{crop.Top})");
    }
}
