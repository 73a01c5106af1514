using RenderFarm.Worker.Faces;

namespace RenderFarm.Worker.Pipeline;

/// <summary>A painted portrait, ready for the gallery, with how it was framed, how the sitter was cut out and why its style was chosen.</summary>
public sealed record StudioResult(EncodedPainting Painting, StyleChoice Style, string Framing, string Figure, FaceBox? Face);
