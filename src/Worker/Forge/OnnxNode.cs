namespace RenderFarm.Worker.Forge;

/// <summary>One operator (onnx.proto NodeProto): input = 1, output = 2, name = 3, op_type = 4, attribute = 5. Default domain.</summary>
public sealed record OnnxNode(string OpType, string Name, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, IReadOnlyList<OnnxAttribute> Attributes)
{
    public void WriteTo(ProtoWriter node)
    {
        foreach (var input in Inputs)
            node.String(1, input);
        foreach (var output in Outputs)
            node.String(2, output);
        node.String(3, Name);
        node.String(4, OpType);
        foreach (var attribute in Attributes)
            node.Message(5, attribute.WriteTo);
    }
}
