using Microsoft.ML.OnnxRuntime;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Forge;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Pipeline;

namespace RenderFarm.Worker.Tests.Painting;

/// <summary>
/// The face detector's file lists its 244 weights among its inputs; opened with them as constants, ONNX Runtime folds
/// its batch normalizations into its convolutions and the detector finds what the file as shipped finds. Real files,
/// the CPU provider.
/// </summary>
public sealed class WeightInputsTests : IDisposable
{
    static readonly string Detector = Path.Combine(SharedData.Models, "ultraface-rfb-320.onnx");
    readonly string directory = ScratchDirectories.New("renderfarm-weights-");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void The_detector_keeps_its_one_photo_input_and_its_weights()
    {
        var shipped = File.ReadAllBytes(Detector);

        var rewritten = WeightInputs.Removed(shipped);

        Assert.Equal(245, GraphFieldCount(shipped, GraphInput));
        Assert.Equal(1, GraphFieldCount(rewritten, GraphInput));
        Assert.Equal(GraphFieldCount(shipped, GraphInitializer), GraphFieldCount(rewritten, GraphInitializer));
    }

    [Fact]
    public void With_its_weights_as_constants_the_detector_s_batch_normalizations_are_folded_away()
    {
        Assert.Equal(35, OptimizedOps(File.ReadAllBytes(Detector), "shipped").Count(op => op == "BatchNormalization"));

        var optimized = OptimizedOps(WeightInputs.Removed(File.ReadAllBytes(Detector)), "constants");

        Assert.DoesNotContain("BatchNormalization", optimized);
        Assert.Contains("Conv", optimized);
    }

    [Theory]
    [InlineData("astronaut.png")]
    [InlineData("kodim18.png")]
    [InlineData("hopper.jpg")]
    public void The_detector_finds_what_the_file_as_shipped_finds(string face)
    {
        var photo = new SourceDecoder().Decode(File.ReadAllBytes(SharedData.Face(face)));
        using var shipped = new InferenceSession(Detector);
        using var constants = new InferenceSession(WeightInputs.Removed(File.ReadAllBytes(Detector)));
        using var input = OrtValue.CreateTensorValueFromMemory(FaceDetector.InputOf(photo), FaceDetector.InputShape);
        using var runOptions = new RunOptions();

        using var expected = shipped.Run(runOptions, ["input"], [input], shipped.OutputNames);
        using var actual = constants.Run(runOptions, ["input"], [input], constants.OutputNames);

        for (var o = 0; o < expected.Count; o++)
        {
            var want = expected[o].GetTensorDataAsSpan<float>();
            var got = actual[o].GetTensorDataAsSpan<float>();
            Assert.Equal(want.Length, got.Length);
            var largest = 0f;
            for (var i = 0; i < want.Length; i++) largest = Math.Max(largest, Math.Abs(want[i] - got[i]));
            Assert.True(largest < 1e-4f, $"{face}, output {shipped.OutputNames[o]}: off by {largest}");
        }
    }

    [Fact]
    public void A_file_without_weights_among_its_inputs_comes_back_as_it_is()
    {
        var segmenter = File.ReadAllBytes(Path.Combine(SharedData.Models, "selfie-segmentation.onnx"));

        Assert.Same(segmenter, WeightInputs.Removed(segmenter));
    }

    [Fact]
    public void Bytes_that_are_not_a_model_are_refused_with_a_clear_error()
    {
        var error = Assert.Throws<InvalidDataException>(() => WeightInputs.Removed("not an ONNX file"u8.ToArray()));

        Assert.StartsWith("Not an ONNX model", error.Message);
    }

    // ModelProto.graph; GraphProto.node, initializer, input; NodeProto.op_type.
    const int ModelGraph = 7, GraphNode = 1, GraphInitializer = 5, GraphInput = 11, NodeOpType = 4;

    static int GraphFieldCount(byte[] model, int number)
    {
        var count = 0;
        var graph = Graph(model);
        var reader = new ProtoReader(graph);
        while (reader.MoveNext())
            if (reader.Current.Number == number) count++;
        return count;
    }

    // The operators of the graph ONNX Runtime runs after its optimizations, as it writes it out.
    List<string> OptimizedOps(byte[] model, string name)
    {
        var path = Path.Combine(directory, name + ".onnx");
        using (var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_EXTENDED, OptimizedModelFilePath = path })
        using (new InferenceSession(model, options))
        {
        }
        var ops = new List<string>();
        var graph = Graph(File.ReadAllBytes(path));
        var reader = new ProtoReader(graph);
        while (reader.MoveNext())
        {
            if (reader.Current.Number != GraphNode) continue;
            var node = new ProtoReader(reader.Value(reader.Current));
            while (node.MoveNext())
                if (node.Current.Number == NodeOpType)
                    ops.Add(System.Text.Encoding.UTF8.GetString(node.Value(node.Current)));
        }
        return ops;
    }

    static byte[] Graph(byte[] model)
    {
        var reader = new ProtoReader(model);
        while (reader.MoveNext())
            if (reader.Current.Number == ModelGraph)
                return reader.Value(reader.Current).ToArray();
        throw new InvalidDataException("no graph");
    }
}
