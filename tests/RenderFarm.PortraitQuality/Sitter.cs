using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Imaging;

namespace RenderFarm.PortraitQuality;

/// <summary>A test photo: its bytes, the portrait the farm frames from it, and where the face sits on that canvas.</summary>
public sealed record Sitter(string Name, byte[] Photo, RgbaImage Framed, FaceBox Face);
