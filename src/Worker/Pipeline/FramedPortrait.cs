using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Pipeline;

/// <summary>The photo cut and scaled to the canvas, how it was framed, and the framed face (canvas pixels) if any.</summary>
public sealed record FramedPortrait(RgbaImage Image, string Framing, FaceBox? Face);
