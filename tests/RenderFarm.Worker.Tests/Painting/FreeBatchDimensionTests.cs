using Microsoft.ML.OnnxRuntime;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Pipeline;

namespace RenderFarm.Worker.Tests.Painting;

/// <summary>
/// The shipped face detector and person segmenter, declared for a batch of one, opened with their batch dimension
/// freed: real files, the CPU provider, three different photos in one run against each run alone on the file as shipped.
/// </summary>
public class FreeBatchDimensionTests
{
    static readonly string[] Faces = ["kodim18.png", "astronaut.png", "hopper.jpg"];

    static RgbaImage Photo(string face) => new SourceDecoder().Decode(File.ReadAllBytes(SharedData.Face(face)));

    public static TheoryData<string, string> Models => new()
    {
        { "ultraface-rfb-320.onnx", "detector" },
        { "selfie-segmentation.onnx", "segmenter" },
    };

    static (float[] Input, long[] Shape) InputOf(string kind, RgbaImage photo) => kind == "detector"
        ? (FaceDetector.InputOf(photo), FaceDetector.InputShape)
        : (PersonSegmenter.InputOf(photo), PersonSegmenter.InputShape);

    [Theory]
    [MemberData(nameof(Models))]
    public void A_batch_of_three_gives_each_photo_what_it_gets_alone_from_the_file_as_shipped(string file, string kind)
    {
        var path = Path.Combine(SharedData.Models, file);
        using var shipped = new InferenceSession(path);
        using var freed = new InferenceSession(FreeBatchDimension.Of(File.ReadAllBytes(path)));
        var inputs = Faces.Select(face => InputOf(kind, Photo(face))).ToList();
        var shape = inputs[0].Shape.ToArray();
        shape[0] = inputs.Count;

        using var batch = OrtValue.CreateTensorValueFromMemory(inputs.SelectMany(i => i.Input).ToArray(), shape);
        using var runOptions = new RunOptions();
        using var together = freed.Run(runOptions, ["input"], [batch], freed.OutputNames);

        for (var n = 0; n < inputs.Count; n++)
        {
            using var one = OrtValue.CreateTensorValueFromMemory(inputs[n].Input, inputs[n].Shape);
            using var alone = shipped.Run(runOptions, ["input"], [one], shipped.OutputNames);
            for (var o = 0; o < alone.Count; o++)
            {
                var expected = alone[o].GetTensorDataAsSpan<float>();
                var share = together[o].GetTensorDataAsSpan<float>().Slice(n * expected.Length, expected.Length);
                var largest = 0f;
                for (var i = 0; i < expected.Length; i++) largest = Math.Max(largest, Math.Abs(expected[i] - share[i]));
                Assert.True(largest < 1e-4f, $"{Faces[n]}, output {shipped.OutputNames[o]}: off by {largest}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void The_file_as_shipped_takes_one_photo_at_a_time(string file, string kind)
    {
        using var shipped = new InferenceSession(Path.Combine(SharedData.Models, file));
        var (input, shape) = InputOf(kind, Photo("astronaut.png"));
        var two = shape.ToArray();
        two[0] = 2;

        using var batch = OrtValue.CreateTensorValueFromMemory(input.Concat(input).ToArray(), two);
        using var runOptions = new RunOptions();

        Assert.Throws<OnnxRuntimeException>(() => shipped.Run(runOptions, ["input"], [batch], shipped.OutputNames).Dispose());
    }

    [Fact]
    public void Bytes_that_are_not_a_model_are_refused_with_a_clear_error()
    {
        var error = Assert.Throws<InvalidDataException>(() => FreeBatchDimension.Of("not an ONNX file"u8));

        Assert.StartsWith("Not an ONNX model", error.Message);
    }

    [Fact]
    public void A_model_declared_for_more_than_one_image_is_not_taken_for_a_batch_of_one()
    {
        // The detector's file with its input declared for four images: freeing that dimension would be a guess.
        var model = FreeBatchDimension.Of(File.ReadAllBytes(Path.Combine(SharedData.Models, "ultraface-rfb-320.onnx")));
        var forFour = Declared(model, 4);

        var error = Assert.Throws<NotSupportedException>(() => FreeBatchDimension.Of(forFour));

        Assert.Contains("first dimension of 4", error.Message);
    }

    // The freed model with its first free dimension declared as `size` instead. dim { dim_param: "batch" } is a
    // 7-byte value (tag 0x12, length 5, "batch"); dim { dim_value: size } is written in the same 7 bytes as tag 0x08
    // and a varint padded to six bytes (protobuf reads a varint's extra zero groups as zeros), so no length changes.
    static byte[] Declared(byte[] model, int size)
    {
        byte[] free = [0x12, 0x05, .. "batch"u8];
        var at = model.AsSpan().IndexOf(free);
        Assert.True(at >= 0, "the freed model names a dimension batch");
        var copy = model.ToArray();
        byte[] sized = [0x08, (byte)(size | 0x80), 0x80, 0x80, 0x80, 0x80, 0x00];
        sized.CopyTo(copy.AsSpan(at));
        return copy;
    }
}
