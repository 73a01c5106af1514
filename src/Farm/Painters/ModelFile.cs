namespace RenderFarm.Farm.Painters;

/// <summary>A file the manifest pins by SHA-256.</summary>
public sealed record ModelFile(string File, string Sha256);
