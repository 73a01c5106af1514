using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Tone;

/// <summary>
/// The photo's side of the tone step (<see cref="ToneKeeper.Prepare"/>): everything <see cref="ToneKeeper"/> takes from
/// the photo, its face and its cut, made before the painting exists, so that it can be made while the painter paints.
/// Its planes are pooled and given back on Dispose; <see cref="ToneKeeper.Keep(RgbaImage, PhotoTone, IPartRunner?)"/>
/// only reads them, so one may serve a painting twice (tests do).
/// </summary>
public sealed class PhotoTone : IDisposable
{
    readonly PooledPlanes planes;

    internal PhotoTone(int width, int height, BroadLight broad, PooledPlanes planes, float[] lightness, float[] broadL, float[] broadA,
        float[] broadB, float[] keep, float[] detail, float[] rim)
    {
        (Width, Height, Broad, this.planes) = (width, height, broad, planes);
        (Lightness, BroadL, BroadA, BroadB, Keep, Detail, Rim) = (lightness, broadL, broadA, broadB, keep, detail, rim);
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>The low-pass on each side of the cut, which the painting's planes go through too.</summary>
    internal BroadLight Broad { get; }

    /// <summary>The photo's L* (for the face's fine detail) and its broad L*, a*, b*.</summary>
    internal float[] Lightness { get; }
    internal float[] BroadL { get; }
    internal float[] BroadA { get; }
    internal float[] BroadB { get; }

    /// <summary>Per pixel: the photo's share of the broad colour, of the fine lightness, and the painter's texture kept.</summary>
    internal float[] Keep { get; }
    internal float[] Detail { get; }
    internal float[] Rim { get; }

    public void Dispose()
    {
        Broad.Dispose();
        planes.Dispose();
    }
}
