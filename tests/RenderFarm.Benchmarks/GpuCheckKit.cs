using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RenderFarm.Farm.Painters;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Pipeline;
using RenderFarm.Worker.Scheduling;
using RenderFarm.Worker.Tone;

namespace RenderFarm.Benchmarks;

/// <summary>
/// `./farm bench gpu-check-kit [--out DIR] [--painter NAME]`: what scripts/gpu_check/gpu_check.py needs on a GPU machine
/// that has PyTorch but no .NET: the painter's stylizer, the two stage models and the two stage graphs (guided filter,
/// tone step) as ONNX files, their real inputs for one sitting (a framed test face on the canvas, the artwork's style
/// code, the segmenter's mask, the painting, as the worker makes them) and what ONNX Runtime on this machine's CPU
/// makes of each input, so that the script can check its own way of running the files before it times them. Raw
/// little-endian float32 or uint8 files and a kit.json that names them with their types.
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

        var painted = Check(folder, "painter", paths.StylizerPath, sessions,
            new("image", Planes(framed), [1, 3, framed.Height, framed.Width]),
            new("style_code", code, [1, 8, 64]));
        // The stage models' inputs as the worker makes them, from the framed canvas.
        // The stage models as a worker that gathers jobs opens them (Execution:StageModelBatches): with a free batch dimension.
        var segmented = Check(folder, "person-segmenter", Batchable(folder, "selfie-segmentation.onnx"), sessions,
            new Tensor("input", PersonSegmenter.InputOf(framed), PersonSegmenter.InputShape));
        var coarse = segmented.Outputs[0];
        var photo = framed.Pixels[..(framed.Width * framed.Height * 4)]; // the canvas's own pixels, without a pooled array's tail
        // The two graphs a GPU node runs on its device (Execution:StageGraphs), on the same sitting: the guided filter
        // refines the segmenter's mask, and the tone step keeps the photo's light and skin under the painting.
        var refined = Check(folder, "guided-filter", GraphFile(folder, "guided-filter.onnx", GuidedFilterGraph.Build()), sessions,
            new(GuidedFilterGraph.CoarseInput, coarse.Values, [1, coarse.Shape[1], coarse.Shape[2], 1]),
            new(GuidedFilterGraph.GuideInput, photo, [1, framed.Height, framed.Width, 4]));
        using var stageThreads = new StageThreads(Options.Create(new StageThreadOptions { StageThreads = 1 }), NullLogger<StageThreads>.Instance);
        using var detector = new FaceDetector(Options.Create(new FaceDetectionOptions()),
            Options.Create(new PainterOptions { ModelDirectories = [SharedData.Models] }), Options.Create(new BatchingOptions()), sessions,
            stageThreads, TimeProvider.System, NullLogger<FaceDetector>.Instance);
        var sitting = new float[ToneSitting.Count];
        ToneSitting.Write(MediumTone.For(descriptor.Medium), detector.Detect(framed) is [var face, ..] ? face : null, sitting);
        var tone = Check(folder, "tone-graph", GraphFile(folder, "tone-graph.onnx", ToneGraph.Build()), sessions,
            new(ToneGraph.PaintingInput, Rgba(painted.Outputs[0].Values), [1, framed.Height, framed.Width, 4]),
            new(ToneGraph.PhotoInput, photo, [1, framed.Height, framed.Width, 4]),
            new(ToneGraph.FigureInput, refined.Outputs[0].Values, [1, 1, framed.Height, framed.Width]),
            new(ToneGraph.SittingInput, sitting, [1, ToneSitting.Count]));
        var checks = new List<object>
        {
            painted.Entry,
            Check(folder, "face-detector", Batchable(folder, "ultraface-rfb-320.onnx"), sessions,
                new Tensor("input", FaceDetector.InputOf(framed), FaceDetector.InputShape)).Entry,
            segmented.Entry,
            refined.Entry,
            tone.Entry,
        };
        var kit = new
        {
            painter = painterName,
            // How many times the stylizer runs per portrait for this artwork (models/manifest.json): a GPU's portraits/s
            // are its passes/s divided by this.
            passes = descriptor.Passes,
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

    /// <summary>A tensor of the kit: float32 or uint8 values in a raw little-endian file.</summary>
    sealed record Tensor(string Name, Array Values, long[] Shape);

    sealed record Checked(object Entry, IReadOnlyList<Tensor> Outputs);

    // As the worker opens a batching stage model: weights as constants, batch dimension free.
    static string Batchable(string folder, string sharedModel) =>
        GraphFile(folder, sharedModel, FreeBatchDimension.Of(WeightInputs.Removed(File.ReadAllBytes(Path.Combine(SharedData.Models, sharedModel)))));

    static string GraphFile(string folder, string file, byte[] model)
    {
        var path = Path.Combine(folder, file);
        File.WriteAllBytes(path, model);
        return path;
    }

    // Runs one model on ONNX Runtime's CPU provider and writes its file, its inputs and its outputs into the kit.
    static Checked Check(string folder, string name, string modelPath, SessionFactory sessions, params Tensor[] inputs)
    {
        var modelFile = Path.GetFileName(modelPath);
        // Copied as bytes: a read-only shared/ would make a copy that the next run cannot overwrite.
        if (Path.GetDirectoryName(Path.GetFullPath(modelPath)) != folder)
            File.WriteAllBytes(Path.Combine(folder, modelFile), File.ReadAllBytes(modelPath));
        using var session = sessions.Create(modelPath);
        var values = inputs.Select(input => input.Values switch
        {
            float[] floats => OrtValue.CreateTensorValueFromMemory(floats, input.Shape),
            byte[] bytes => OrtValue.CreateTensorValueFromMemory(bytes, input.Shape),
            _ => throw new ArgumentException($"{input.Name}: the kit holds float32 and uint8 tensors only"),
        }).ToArray();
        try
        {
            using var runOptions = new RunOptions();
            var outputNames = session.OutputNames.ToArray();
            using var outputs = session.Run(runOptions, inputs.Select(input => input.Name).ToArray(), values, outputNames);
            var got = outputs.Select((output, i) => new Tensor(outputNames[i],
                output.GetTensorTypeAndShape().ElementDataType == TensorElementType.UInt8
                    ? output.GetTensorDataAsSpan<byte>().ToArray()
                    : output.GetTensorDataAsSpan<float>().ToArray(),
                output.GetTensorTypeAndShape().Shape)).ToList();
            return new Checked(new
            {
                name,
                model = modelFile,
                inputs = inputs.ToDictionary(input => input.Name, input => Write(folder, $"{name}.in.{input.Name}", input)),
                outputs = got.ToDictionary(output => output.Name, output => Write(folder, $"{name}.out.{output.Name}", output)),
            }, got);
        }
        finally
        {
            foreach (var value in values) value.Dispose();
        }
    }

    static object Write(string folder, string stem, Tensor tensor)
    {
        var (type, extension) = tensor.Values switch
        {
            byte[] => ("uint8", "u8"),
            _ => ("float32", "f32"),
        };
        var file = $"{stem}.{extension}";
        var bytes = new byte[Buffer.ByteLength(tensor.Values)];
        Buffer.BlockCopy(tensor.Values, 0, bytes, 0, bytes.Length);
        File.WriteAllBytes(Path.Combine(folder, file), bytes);
        return new { file, shape = tensor.Shape, type };
    }

    // The painter's output planes (0..255, [1,3,H,W]) as the RGBA bytes the tone step takes.
    static byte[] Rgba(Array planes)
    {
        var values = (float[])planes;
        var pixels = values.Length / 3;
        var rgba = new byte[pixels * 4];
        for (var i = 0; i < pixels; i++)
        {
            for (var c = 0; c < 3; c++)
                rgba[i * 4 + c] = (byte)Math.Clamp(MathF.Round(values[c * pixels + i]), 0, 255);
            rgba[i * 4 + 3] = 255;
        }
        return rgba;
    }

    static float[] Planes(RgbaImage image)
    {
        var planes = new float[3 * image.Width * image.Height];
        PlanarPixels.Write(image, planes);
        return planes;
    }
}
