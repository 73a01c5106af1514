using System.Buffers.Binary;

namespace RenderFarm.Worker.Forge;

/// <summary>
/// An initializer (onnx.proto TensorProto): dims = 1, data_type = 2, name = 8, raw_data = 9.
/// Values go into raw_data as explicit little-endian bytes, so the file does not depend on the machine that wrote it.
/// </summary>
public sealed record OnnxTensor(string Name, OnnxDataType DataType, IReadOnlyList<long> Dims, byte[] RawData)
{
    public static OnnxTensor Floats(string name, IReadOnlyList<long> dims, IReadOnlyList<float> values)
    {
        CheckCount(name, dims, values.Count);
        var raw = new byte[values.Count * sizeof(float)];
        for (var i = 0; i < values.Count; i++)
            BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * sizeof(float)), values[i]);
        return new OnnxTensor(name, OnnxDataType.Float, dims, raw);
    }

    /// <summary>Small whole numbers, one byte each: a quarter of the float bytes for the same lookup table.</summary>
    public static OnnxTensor Int8s(string name, IReadOnlyList<long> dims, IReadOnlyList<sbyte> values)
    {
        CheckCount(name, dims, values.Count);
        return new OnnxTensor(name, OnnxDataType.Int8, dims, [.. values.Select(v => unchecked((byte)v))]);
    }

    public static OnnxTensor Uint8s(string name, IReadOnlyList<long> dims, IReadOnlyList<byte> values)
    {
        CheckCount(name, dims, values.Count);
        return new OnnxTensor(name, OnnxDataType.Uint8, dims, [.. values]);
    }

    public static OnnxTensor Int64s(string name, IReadOnlyList<long> dims, IReadOnlyList<long> values)
    {
        CheckCount(name, dims, values.Count);
        var raw = new byte[values.Count * sizeof(long)];
        for (var i = 0; i < values.Count; i++)
            BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(i * sizeof(long)), values[i]);
        return new OnnxTensor(name, OnnxDataType.Int64, dims, raw);
    }

    public void WriteTo(ProtoWriter tensor)
    {
        if (Dims.Count > 0)
            tensor.PackedInt64s(1, Dims);
        tensor.Int32(2, (int)DataType);
        tensor.String(8, Name);
        tensor.Bytes(9, RawData);
    }

    static void CheckCount(string name, IReadOnlyList<long> dims, int count)
    {
        var expected = dims.Aggregate(1L, (product, dim) => product * dim);
        if (expected != count)
            throw new ArgumentException($"Tensor {name}: dims [{string.Join(',', dims)}] hold {expected} values, got {count}.");
    }
}
