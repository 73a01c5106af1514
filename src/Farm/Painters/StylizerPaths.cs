namespace RenderFarm.Farm.Painters;

/// <summary>The stylizer as the manifest pins it, and where its two files were found.</summary>
public sealed record StylizerPaths(StylizerFiles Files, string EncoderPath, string StylizerPath);
