namespace RenderFarm.Worker.Forge;

/// <summary>
/// A node attribute (onnx.proto AttributeProto): name = 1, i = 3, s = 4, type = 20.
/// Only the kinds the painters need; the type field is always written, as IR version ≥ 2 requires.
/// </summary>
public sealed record OnnxAttribute
{
    // AttributeProto.AttributeType
    const int IntType = 2, StringType = 3;

    OnnxAttribute(string name, int type) => (Name, Type) = (name, type);

    public string Name { get; }
    int Type { get; }
    long IntValue { get; init; }
    string StringValue { get; init; } = "";

    public static OnnxAttribute Int(string name, long value) => new(name, IntType) { IntValue = value };
    public static OnnxAttribute String(string name, string value) => new(name, StringType) { StringValue = value };

    public void WriteTo(ProtoWriter attribute)
    {
        attribute.String(1, Name);
        switch (Type)
        {
            case IntType: attribute.Int64(3, IntValue); break;
            case StringType: attribute.Bytes(4, System.Text.Encoding.UTF8.GetBytes(StringValue)); break;
        }
        attribute.Int32(20, Type);
    }
}
