using System.CommandLine;

namespace RenderFarm.Worker.Commands;

/// <summary>
/// `forge [DIR]`: regenerates the built-in painters' ONNX files (default: models/) and prints each SHA-256; after a
/// change to a painter, put the new hashes into models/manifest.json (a test compares them).
/// </summary>
public static class ForgeCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("dir")
        {
            Description = "Where to write the ONNX files",
            DefaultValueFactory = _ => "models",
        };
        var command = new Command("forge", "Regenerate the built-in painters' ONNX files and print their SHA-256") { directory };
        command.SetAction(async (result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            foreach (var painter in Forge.PainterForge.WriteAll(result.GetValue(directory)!))
                await output.WriteLineAsync($"{painter.Name}: {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(painter.Onnx))}");
            return 0;
        });
        return command;
    }
}
