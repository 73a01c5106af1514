using RenderFarm.TestSupport;
using RenderFarm.Worker.Commands;
using SkiaSharp;

namespace RenderFarm.Worker.Tests.Commands;

public sealed class WorkerCommandsTests
{
    readonly List<string[]> servedWith = [];
    readonly StringWriter output = new(), error = new();

    Task<int> InvokeAsync(params string[] args) => WorkerCommands.InvokeAsync(args, hostArgs =>
    {
        servedWith.Add(hostArgs);
        return Task.FromResult(0);
    }, output, error);

    [Theory]
    [InlineData("paint", "--style")]
    [InlineData("contact-sheet", "--faces")]
    [InlineData("forge", "<dir>")]
    [InlineData("serve", "Run the farm worker")]
    public async Task Every_command_answers_help_with_its_usage(string command, string mentioned)
    {
        Assert.Equal(0, await InvokeAsync(command, "--help"));

        Assert.Contains($"{command}", output.ToString());
        Assert.Contains("Usage:", output.ToString());
        Assert.Contains(mentioned, output.ToString());
        Assert.Empty(servedWith);
    }

    [Theory]
    [InlineData("pant", "photo.jpg")]
    [InlineData("--bogus")]
    [InlineData("photo.jpg")]
    public async Task An_unknown_first_argument_prints_the_usage_and_does_not_start_the_service(params string[] args)
    {
        Assert.NotEqual(0, await InvokeAsync(args));

        Assert.Empty(servedWith);
        Assert.Contains(args[0], error.ToString());
        Assert.Contains("Usage:", output.ToString());
    }

    [Fact]
    public async Task No_arguments_serve_or_host_settings_start_the_service_with_those_settings()
    {
        await InvokeAsync();
        await InvokeAsync("--Execution:Provider=cpu");
        await InvokeAsync("serve", "--urls=http://127.0.0.1:9999");

        Assert.Equal([[], ["--Execution:Provider=cpu"], ["--urls=http://127.0.0.1:9999"]], servedWith);
    }

    [Fact]
    public async Task Paint_shows_progress_paints_each_photo_and_answers_a_non_image_as_the_api_does()
    {
        var directory = ScratchDirectories.New("renderfarm-paint-");
        var note = Path.Combine(directory, "note.txt");
        await File.WriteAllTextAsync(note, "this is not a photo");
        try
        {
            var exit = await InvokeAsync("paint", SharedData.Face("hopper.jpg"), note, "-o", Path.Combine(directory, "out"),
                "--style", "ink", "--provider", "cpu", "--manifest", SharedData.RepoManifest,
                "--models", SharedData.RepoModels, "--models", SharedData.Models, "--models", SharedData.Styles);

            Assert.Equal(1, exit); // one of two photos could not be painted
            Assert.Contains("[1/2] hopper.jpg", output.ToString());
            Assert.Contains("[2/2] note.txt", output.ToString());
            Assert.Contains("note.txt: error: unsupported_format:", error.ToString());
            Assert.Contains("provider: cpu; painted 1 of 2", output.ToString());
            using var painting = SKBitmap.Decode(Path.Combine(directory, "out", "hopper.painted.jpg"));
            Assert.Equal((512, 640), (painting.Width, painting.Height));
            Assert.DoesNotContain("CUDA", output.ToString() + error.ToString());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Models_are_looked_for_in_the_shared_data_named_by_renderfarm_shared_like_farm_does()
    {
        Assert.Equal(["models", Path.Combine("/data/shared", "models"), Path.Combine("/data/shared", "styles")],
            ModelDirectories.Default(name => name == "RENDERFARM_SHARED" ? "/data/shared" : null));
        Assert.Equal(["models", Path.Combine("..", "shared", "models"), Path.Combine("..", "shared", "styles")],
            ModelDirectories.Default(_ => null));
    }
}
