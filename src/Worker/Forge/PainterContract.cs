namespace RenderFarm.Worker.Forge;

/// <summary>The tensor contract every painter keeps (the same as the neural painters') and the metadata that states it.</summary>
public static class PainterContract
{
    public const string InputName = "image";
    public const string OutputName = "painted";
    public const string InputDescription = "image: float32 [N,3,H,W], RGB planar, 0..255; N, H, W dynamic, H and W at least 32";
    public const string OutputDescription = "painted: float32 [N,3,H,W], RGB planar, 0..255, clamped; batch items independent";

    /// <summary>Metadata props in a fixed order (the file's bytes depend on it).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Metadata(string style, string medium, string algorithm, string references) =>
    [
        new("style", style),
        new("medium", medium),
        new("algorithm", algorithm),
        new("references", references),
        new("input_contract", InputDescription),
        new("output_contract", OutputDescription),
    ];

    /// <summary>Starts a painter graph: the image input, already scaled to 0..1.</summary>
    public static (GraphBuilder Graph, GraphValue Photo) Begin(string name)
    {
        var graph = new GraphBuilder($"painter-{name}");
        return (graph, graph.ImageInput(InputName).ToUnitRange());
    }

    public static ForgedPainter Finish(GraphBuilder graph, GraphValue paintedUnit, string name, string description, string algorithm, string references)
    {
        var model = graph.Build(paintedUnit.ToByteRange(), OnnxValueInfo.Image(OutputName), $"{description}. {algorithm}",
            Metadata(name, name, algorithm, references));
        return new ForgedPainter(name, name, description, references, model.ToBytes());
    }
}
