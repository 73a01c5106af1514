using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using RenderFarm.Farm.Painters;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Pipeline;

namespace RenderFarm.Benchmarks;

/// <summary>
/// `./farm bench gpu-check-kit [--out DIR] [--painter NAME]`: what scripts/gpu_check/gpu_check.py needs on a GPU machine
/// that has PyTorch but no .NET: the painter's stylizer and the two stage models as ONNX files, the painter's real
/// input (a framed test face on the canvas, the artwork's style code, as the worker makes them) and what ONNX Runtime
/// on this machine's CPU makes of each input, so that the script can check its own way of running the files before
/// it times them. Raw little-endian float32 files and a kit.json that names them.
/// </summary>
public static class GpuCheckKit
{
    public const string DefaultFolder = ".farm/gpu-check";

    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "The kit's folder", DefaultValueFactory = _ => DefaultFolder };
        var painter = new Option<string>("--painter") { Description = "An artwork painter of the stylizer", DefaultValueFactory = _ => "rembrandt-two-circles" };
        var command = new Command("gpu-check-kit", "Pack what scripts/gpu_check/gpu_check.py needs on a GPU machine without .NET") { output, painter };
        command.SetAction(result => Run(Path.GetFullPath(result.GetValue(output)!), result.GetValue(painter)!));
        return command;
    }

    static int Run(string folder, string painterName)
    {
        Directory.CreateDirectory(folder);
        var catalog = new PainterCatalog(Options.Create(new PainterOptions
        {
            Manifest = TestManifests.Only(painterName),
            ModelDirectories = [SharedData.RepoModels, SharedData.Models, SharedData.Styles],
        }), NullLogger<PainterCatalog>.Instance);
        if (!catalog.TryGet(painterName, out var descriptor, out var artworkPath) || !descriptor.IsArtwork || catalog.Stylizer is not { } paths)
            throw new ArgumentException($"{painterName} is not an artwork painter of the stylizer");
        var sessions = new SessionFactory(Options.Create(new ExecutionOptions { Provider = "cpu" }), NullLogger<SessionFactory>.Instance);
        using var stylizer = new Stylizer(paths, sessions);
        var code = stylizer.Encode(ArtworkImage.Load(artworkPath, stylizer.Files.StyleShortSide));
        var canvas = new CanvasOptions();
        var framed = new PortraitFramer(Options.Create(canvas)).Frame(new SourceDecoder().Decode(File.ReadAllBytes(SharedData.Face("astronaut.png")))).Image;

        var checks = new List<object>
        {
            Check(folder, "painter", paths.StylizerPath, sessions,
                ("image", Planes(framed), [1, 3, framed.Height, framed.Width]),
                ("style_code", code, [1, 8, 64])),
            // The stage models' inputs as the worker makes them, from the framed canvas.
            Check(folder, "face-detector", Path.Combine(SharedData.Models, "ultraface-rfb-320.onnx"), sessions,
                ("input", FaceDetector.InputOf(framed), FaceDetector.InputShape)),
            Check(folder, "person-segmenter", Path.Combine(SharedData.Models, "selfie-segmentation.onnx"), sessions,
                ("input", PersonSegmenter.InputOf(framed), PersonSegmenter.InputShape)),
        };
        var kit = new
        {
            painter = painterName,
            canvas = new[] { canvas.Width, canvas.Height },
            onnxRuntime = typeof(InferenceSession).Assembly.GetName().Version?.ToString(),
            made = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            checks,
        };
        File.WriteAllText(Path.Combine(folder, "kit.json"), JsonSerializer.Serialize(kit, Indented));
        var bytes = Directory.EnumerateFiles(folder).Sum(file => new FileInfo(file).Length);
        Console.WriteLine($"GPU check kit for {painterName} in {folder}: {bytes / (1024.0 * 1024):F1} MiB");
        return 0;
    }

    // Runs one model on ONNX Runtime's CPU provider and writes its file, its inputs and its outputs into the kit.
    static object Check(string folder, string name, string modelPath, SessionFactory sessions, params (string Name, float[] Values, long[] Shape)[] inputs)
    {
        var modelFile = Path.GetFileName(modelPath);
        // Copied as bytes: a read-only shared/ would make a copy that the next run cannot overwrite.
        File.WriteAllBytes(Path.Combine(folder, modelFile), File.ReadAllBytes(modelPath));
        using var session = sessions.Create(modelPath);
        var values = inputs.Select(input => OrtValue.CreateTensorValueFromMemory(input.Values, input.Shape)).ToArray();
        try
        {
            using var runOptions = new RunOptions();
            var outputNames = session.OutputNames.ToArray();
            using var outputs = session.Run(runOptions, inputs.Select(input => input.Name).ToArray(), values, outputNames);
            var written = new Dictionary<string, object>();
            for (var i = 0; i < outputNames.Length; i++)
                written[outputNames[i]] = Write(folder, $"{name}.out.{outputNames[i]}", outputs[i].GetTensorDataAsSpan<float>().ToArray(),
                    outputs[i].GetTensorTypeAndShape().Shape);
            return new
            {
                name,
                model = modelFile,
                inputs = inputs.ToDictionary(input => input.Name, input => Write(folder, $"{name}.in.{input.Name}", input.Values, input.Shape)),
                outputs = written,
            };
        }
        finally
        {
            foreach (var value in values) value.Dispose();
        }
    }

    static object Write(string folder, string stem, float[] values, long[] shape)
    {
        var file = $"{stem}.f32";
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        File.WriteAllBytes(Path.Combine(folder, file), bytes);
        return new { file, shape };
    }

    static float[] Planes(RgbaImage image)
    {
        var planes = new float[3 * image.Width * image.Height];
        PlanarPixels.Write(image, planes);
        return planes;
    }
}
