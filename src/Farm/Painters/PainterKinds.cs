namespace RenderFarm.Farm.Painters;

/// <summary>What a manifest entry's file is.</summary>
public static class PainterKinds
{
    /// <summary>An ONNX network that paints on its own (built-in NPR graphs, fast-neural-style networks).</summary>
    public const string Model = "model";

    /// <summary>An artwork image: painted "after" it by the manifest's shared stylizer (MicroAST), from its style code.</summary>
    public const string Artwork = "artwork";

    /// <summary>
    /// No file: painted by an <c>IBatchPainterSource</c> the hosting process registers (the benchmark's simulated
    /// GPU). The Worker itself registers none, so a shipped manifest never lists one.
    /// </summary>
    public const string External = "external";
}
