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

    /// <summary>Forges every painter once, writes each file into the directory, and returns them.</summary>
    public static IReadOnlyList<ForgedPainter> WriteAll(string modelsDirectory)
    {
        Directory.CreateDirectory(modelsDirectory);
        var painters = ForgeAll();
        foreach (var painter in painters)
            File.WriteAllBytes(Path.Combine(modelsDirectory, painter.FileName), painter.Onnx);
        return painters;
    }
}
