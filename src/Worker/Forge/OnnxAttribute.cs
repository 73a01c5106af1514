namespace RenderFarm.Worker.Forge;

/// <summary>
/// A node attribute (onnx.proto AttributeProto): name = 1, f = 2, i = 3, s = 4, floats = 7, ints = 8, type = 20.
/// Only the kinds the painters need; the type field is always written, as IR version ≥ 2 requires.
/// </summary>
public sealed record OnnxAttribute
{
    // AttributeProto.AttributeType
    const int FloatType = 1, IntType = 2, StringType = 3, FloatsType = 6, IntsType = 7;

    OnnxAttribute(string name, int type) => (Name, Type) = (name, type);

    public string Name { get; }
    int Type { get; }
    float FloatValue { get; init; }
    long IntValue { get; init; }
    string StringValue { get; init; } = "";
    IReadOnlyList<float> FloatValues { get; init; } = [];
    IReadOnlyList<long> IntValues { get; init; } = [];

    public static OnnxAttribute Float(string name, float value) => new(name, FloatType) { FloatValue = value };
    public static OnnxAttribute Int(string name, long value) => new(name, IntType) { IntValue = value };
    public static OnnxAttribute String(string name, string value) => new(name, StringType) { StringValue = value };
    public static OnnxAttribute Floats(string name, params float[] values) => new(name, FloatsType) { FloatValues = values };
    public static OnnxAttribute Ints(string name, params long[] values) => new(name, IntsType) { IntValues = values };

    public void WriteTo(ProtoWriter attribute)
    {
        attribute.String(1, Name);
        switch (Type)
        {
            case FloatType: attribute.Float(2, FloatValue); break;
            case IntType: attribute.Int64(3, IntValue); break;
            case StringType: attribute.Bytes(4, System.Text.Encoding.UTF8.GetBytes(StringValue)); break;
            case FloatsType: attribute.PackedFloats(7, FloatValues); break;
            case IntsType: attribute.PackedInt64s(8, IntValues); break;
        }
        attribute.Int32(20, Type);
    }
}
