namespace RenderFarm.Worker.Forge;

/// <summary>
/// Makes the built-in painters (oil, watercolor, ink): small ONNX graphs of standard operators (default domain,
/// opset 17, IR 8) generated from this code, byte-for-byte the same on every run. See docs/PAINTERS.md.
/// Regenerate the committed files with <c>dotnet run --project src/Worker -- forge models</c>.
/// </summary>
public static class PainterForge
{
    public static IReadOnlyList<ForgedPainter> ForgeAll() =>
    [
        OilPainterGraph.Forge(),
        WatercolorPainterGraph.Forge(),
        InkPainterGraph.Forge(),
    ];

    public static void WriteAll(string modelsDirectory)
    {
        Directory.CreateDirectory(modelsDirectory);
        foreach (var painter in ForgeAll())
            File.WriteAllBytes(Path.Combine(modelsDirectory, painter.FileName), painter.Onnx);
    }
}
