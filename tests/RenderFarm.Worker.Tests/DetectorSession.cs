using Microsoft.ML.OnnxRuntime;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Pipeline;

namespace RenderFarm.Worker.Tests;

/// <summary>The real face detector's file, and what a session opened on it finds in a test face.</summary>
public static class DetectorSession
{
    public static string Path => System.IO.Path.Combine(SharedData.Models, new FaceDetectionOptions().File);

    /// <summary>Runs the detector on the astronaut and returns its best face score.</summary>
    public static float BestFaceScore(InferenceSession session)
    {
        var input = FaceDetector.InputOf(new SourceDecoder().Decode(File.ReadAllBytes(SharedData.Face("astronaut.png"))));
        using var value = OrtValue.CreateTensorValueFromMemory(input, FaceDetector.InputShape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["input"], [value], ["scores"]);
        var scores = outputs[0].GetTensorDataAsSpan<float>();
        var best = 0f;
        for (var i = 1; i < scores.Length; i += 2) best = Math.Max(best, scores[i]);
        return best;
    }
}
