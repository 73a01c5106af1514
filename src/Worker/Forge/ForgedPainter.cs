namespace RenderFarm.Worker.Forge;

/// <summary>A built-in painter as the forge makes it: its manifest facts and the serialised ONNX model.</summary>
public sealed record ForgedPainter(string Name, string Medium, string Description, string References, byte[] Onnx)
{
    public string FileName => $"painter-{Name}.onnx";
}
