namespace RenderFarm.Worker.Forge;

/// <summary>The element types the forged graphs use, numbered as TensorProto.DataType in onnx.proto.</summary>
public enum OnnxDataType
{
    Float = 1,
    Uint8 = 2,
    Int8 = 3,
    Int64 = 7,
}
