using RenderFarm.Worker.Painting;

namespace RenderFarm.Worker.Pipeline;

/// <summary>The photo cut and scaled to the canvas, with a one-line account of how it was framed.</summary>
public sealed record FramedPortrait(RgbaImage Image, string Framing);
