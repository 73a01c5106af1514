namespace RenderFarm.Worker.Commands;

/// <summary>
/// `forge [DIR]`: regenerates the built-in painters' ONNX files (default: models/) and prints each SHA-256; after a
/// change to a painter, put the new hashes into models/manifest.json (a test compares them).
/// </summary>
public static class ForgeCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var dir = args.Length > 0 ? args[0] : "models";
        foreach (var painter in Forge.PainterForge.WriteAll(dir))
            await stdout.WriteLineAsync($"{painter.Name}: {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(painter.Onnx))}");
        return 0;
    }
}
