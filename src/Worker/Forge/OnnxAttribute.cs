namespace RenderFarm.Worker.Forge;

/// <summary>
/// A node attribute (onnx.proto AttributeProto): name = 1, i = 3, s = 4, ints = 8, type = 20.
/// Only the kinds the painters need; the type field is always written, as IR version ≥ 2 requires.
/// </summary>
public sealed record OnnxAttribute
{
    // AttributeProto.AttributeType
    const int IntType = 2, StringType = 3, IntsType = 7;

    OnnxAttribute(string name, int type) => (Name, Type) = (name, type);

    public string Name { get; }
    int Type { get; }
    long IntValue { get; init; }
    string StringValue { get; init; } = "";
    IReadOnlyList<long> IntValues { get; init; } = [];

    public static OnnxAttribute Int(string name, long value) => new(name, IntType) { IntValue = value };
    public static OnnxAttribute String(string name, string value) => new(name, StringType) { StringValue = value };
    public static OnnxAttribute Ints(string name, params long[] values) => new(name, IntsType) { IntValues = values };

    public void WriteTo(ProtoWriter attribute)
    {
        attribute.String(1, Name);
        switch (Type)
        {
            case IntType: attribute.Int64(3, IntValue); break;
            case StringType: attribute.Bytes(4, System.Text.Encoding.UTF8.GetBytes(StringValue)); break;
            // ints = 8, one tag per value (onnx.proto is proto2, where repeated scalars are not packed).
            case IntsType:
                foreach (var value in IntValues)
                    attribute.Int64(8, value);
                break;
        }
        attribute.Int32(20, Type);
    }
}
