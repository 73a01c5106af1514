using Microsoft.Extensions.Options;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Imaging;
using SkiaSharp;

namespace RenderFarm.Worker.Pipeline;

/// <summary>
/// Fits a photo to the 4:5 portrait canvas. With a face: a head-and-shoulders crop around the largest face (the face
/// about 38% of the frame's height, centred across, its centre at 42% from the top), shifted to stay inside the photo
/// and never magnified more than <see cref="MaxUpscale"/> where the photo allows. Without one: the largest centred crop.
/// </summary>
public sealed class PortraitFramer(IOptions<CanvasOptions> canvas)
{
    /// <summary>Crop height as a multiple of the face box height (UltraFace boxes run brow to chin).</summary>
    public const double HeadAndShoulders = 2.6;
    /// <summary>Where the face centre sits, as a fraction of the frame height from the top.</summary>
    public const double FaceLine = 0.42;
    /// <summary>Beyond this the crop grows instead: a tiny face is better small than smeared.</summary>
    public const double MaxUpscale = 2.5;

    public FramedPortrait Frame(RgbaImage photo, IReadOnlyList<FaceBox>? faces = null, string? noFaceReason = null)
    {
        var (cw, ch) = (canvas.Value.Width, canvas.Value.Height);
        var face = faces?.OrderByDescending(f => f.Area).FirstOrDefault();
        if (face is null)
        {
            var crop = CentredCrop(photo.Width, photo.Height, (double)cw / ch);
            var why = noFaceReason ?? "no face found";
            return new FramedPortrait(ImageOps.CropAndScale(photo, crop, cw, ch),
                $"{why}: centred crop {crop.Width}x{crop.Height} at ({crop.Left},{crop.Top})", null);
        }

        var faceCrop = AroundFace(face, photo.Width, photo.Height, cw, ch);
        var scale = (double)ch / faceCrop.Height;
        var framedFace = new FaceBox(
            (float)((face.X1 - faceCrop.Left) * scale), (float)((face.Y1 - faceCrop.Top) * scale),
            (float)((face.X2 - faceCrop.Left) * scale), (float)((face.Y2 - faceCrop.Top) * scale), face.Score);
        var others = faces!.Count > 1 ? $", largest of {faces.Count} faces" : "";
        return new FramedPortrait(ImageOps.CropAndScale(photo, faceCrop, cw, ch),
            $"face {face}{others}: head-and-shoulders crop {faceCrop.Width}x{faceCrop.Height} at ({faceCrop.Left},{faceCrop.Top})",
            framedFace);
    }

    /// <summary>
    /// The head-and-shoulders crop around a face, total over its inputs: any face box (degenerate, outside the photo,
    /// not even finite), any photo of at least 1×1 and any canvas give a crop of at least 1×1 that lies inside the
    /// photo. Sizes are settled in whole pixels first and positions clamped against them, so no rounding can leave
    /// the crop a hair outside the photo (a tight selfie used to make Math.Clamp throw).
    /// </summary>
    internal static SKRectI AroundFace(FaceBox face, int imageWidth, int imageHeight, int canvasWidth, int canvasHeight)
    {
        imageWidth = Math.Max(1, imageWidth);
        imageHeight = Math.Max(1, imageHeight);
        var aspect = canvasWidth > 0 && canvasHeight > 0 ? (double)canvasWidth / canvasHeight : 0.8;
        var faceHeight = double.IsFinite(face.Height) ? Math.Max(0, face.Height) : 0;
        var wanted = Math.Max(faceHeight * HeadAndShoulders, Math.Max(1, canvasHeight) / MaxUpscale);
        // Too big for the photo: the largest crop of this shape that fits.
        var height = Math.Min(wanted, Math.Min(imageHeight, imageWidth / aspect));
        var h = Math.Clamp((int)Math.Floor(height), 1, imageHeight);
        var w = Math.Clamp((int)Math.Floor(height * aspect), 1, imageWidth);
        var centreX = double.IsFinite(face.CentreX) ? face.CentreX : imageWidth / 2.0;
        var centreY = double.IsFinite(face.CentreY) ? face.CentreY : imageHeight / 2.0;
        var left = Fit(centreX - w / 2.0, imageWidth - w);
        var top = Fit(centreY - h * FaceLine, imageHeight - h);
        return SKRectI.Create(left, top, w, h);
    }

    /// <summary>A position rounded to a pixel and kept within 0..room (room ≥ 0 by construction above).</summary>
    static int Fit(double position, int room) => (int)Math.Max(0, Math.Min(room, Math.Round(Math.Clamp(position, -1e9, 1e9))));

    static SKRectI CentredCrop(int width, int height, double aspect)
    {
        if ((double)width / height > aspect)
        {
            var w = (int)Math.Round(height * aspect);
            return SKRectI.Create((width - w) / 2, 0, w, height);
        }
        var h = (int)Math.Round(width / aspect);
        return SKRectI.Create(0, (height - h) / 2, width, h);
    }
}
