namespace RenderFarm.Worker.Forge;

/// <summary>
/// A whole model (a painter, the tone step), serialised as onnx.proto ModelProto: ir_version = 1, producer_name = 2, producer_version = 3,
/// model_version = 5, graph = 7, opset_import = 8 (OperatorSetIdProto domain = 1, version = 2), metadata_props = 14 (key = 1, value = 2).
/// GraphProto: node = 1, name = 2, initializer = 5, doc_string = 10, input = 11, output = 12.
/// </summary>
public sealed record OnnxModel(
    string GraphName,
    string Documentation,
    IReadOnlyList<OnnxNode> Nodes,
    IReadOnlyList<OnnxTensor> Initializers,
    IReadOnlyList<OnnxValueInfo> Inputs,
    OnnxValueInfo Output,
    IReadOnlyList<KeyValuePair<string, string>> Metadata)
{
    /// <summary>IR version 8 is what ONNX 1.10–1.12 write for opset 17; every ONNX Runtime since 1.11 reads it.</summary>
    public const long IrVersion = 8;
    public const long Opset = 17;
    public const string ProducerName = "renderfarm-forge";
    public const string ProducerVersion = "1";
    public const long ModelVersion = 1;

    public byte[] ToBytes()
    {
        var model = new ProtoWriter()
            .Int64(1, IrVersion)
            .String(2, ProducerName)
            .String(3, ProducerVersion)
            .Int64(5, ModelVersion)
            .Message(7, WriteGraph)
            .Message(8, opset => opset.String(1, "").Int64(2, Opset));
        foreach (var (key, value) in Metadata)
            model.Message(14, entry => entry.String(1, key).String(2, value));
        return model.ToArray();
    }

    void WriteGraph(ProtoWriter graph)
    {
        foreach (var node in Nodes)
            graph.Message(1, node.WriteTo);
        graph.String(2, GraphName);
        foreach (var initializer in Initializers)
            graph.Message(5, initializer.WriteTo);
        graph.String(10, Documentation);
        foreach (var input in Inputs)
            graph.Message(11, input.WriteTo);
        graph.Message(12, Output.WriteTo);
    }
}
