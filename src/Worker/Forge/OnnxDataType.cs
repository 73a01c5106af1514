namespace RenderFarm.Worker.Forge;

/// <summary>The element types the painters use, numbered as TensorProto.DataType in onnx.proto.</summary>
public enum OnnxDataType
{
    Float = 1,
    Int8 = 3,
    Int64 = 7,
}
