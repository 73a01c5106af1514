using Microsoft.ML.OnnxRuntime;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace RenderFarm.Worker.Painting;

/// <summary>
/// A session opened with ONNX Runtime's profiling on (Execution:ProfileDirectory): ONNX Runtime writes the profile only
/// when asked to end it, so the session ends it as it closes, whoever owns and closes it.
/// </summary>
public sealed class ProfiledSession : InferenceSession
{
    public ProfiledSession(string modelPath, SessionOptions options) : base(modelPath, options)
    {
    }

    public ProfiledSession(byte[] model, SessionOptions options) : base(model, options)
    {
    }

    /// <summary>The session of a file, profiled where its options say so.</summary>
    public static InferenceSession Open(string modelPath, SessionOptions options) =>
        options.EnableProfiling ? new ProfiledSession(modelPath, options) : new InferenceSession(modelPath, options);

    /// <summary>The session of a model's bytes, profiled where its options say so.</summary>
    public static InferenceSession Open(byte[] model, SessionOptions options) =>
        options.EnableProfiling ? new ProfiledSession(model, options) : new InferenceSession(model, options);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            EndProfiling();
        base.Dispose(disposing);
    }
}
