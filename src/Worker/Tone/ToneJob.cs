using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Tone;

/// <summary>One painting for the tone step and what it keeps from: the photo it was painted from, its medium, face and cut.</summary>
public sealed record ToneJob(RgbaImage Painting, RgbaImage Photo, MediumTone Tone, FaceBox? Face, PersonMask? Figure);
