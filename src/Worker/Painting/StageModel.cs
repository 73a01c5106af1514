using System.Buffers;
using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using RenderFarm.Farm.Painters;

namespace RenderFarm.Worker.Painting;

/// <summary>
/// Opens an optional helper model of a job's stages (face detector, person segmenter): found in the model directories,
/// checked against its pinned SHA-256, where Execution:StageModels says, on one thread — it runs on a lower-priority
/// stage thread and must not put extra threads beside the painter's at the painter's priority. Null, with one log line saying why and what the farm does
/// without it, when it is switched off, missing or does not match its pin.
/// </summary>
public static class StageModel
{
    /// <param name="file">The model's file name, looked for in <paramref name="modelDirectories"/>; empty switches the model off.</param>
    /// <param name="sha256">The file's pinned SHA-256.</param>
    /// <param name="modelDirectories">Where models are looked for, first match wins.</param>
    /// <param name="sessions">Opens the session on the configured provider.</param>
    /// <param name="logger">Says once which model loaded, or why none did.</param>
    /// <param name="role">What the model is, for the log ("Face detector").</param>
    /// <param name="without">What the farm does without it ("photos get a centred crop").</param>
    public static StageModelSession? TryOpen(string? file, string sha256, IEnumerable<string> modelDirectories, SessionFactory sessions,
        ILogger logger, string role, string without)
    {
        if (string.IsNullOrWhiteSpace(file))
        {
            logger.StageModelOff(role, without);
            return null;
        }
        var path = ModelFiles.Find(modelDirectories, file);
        if (path is null)
        {
            logger.StageModelMissing(role, file, without);
            return null;
        }
        // Read once: the bytes checked are the bytes opened.
        var model = File.ReadAllBytes(path);
        if (ModelFiles.ChecksumMismatch(model, sha256) is { } actual)
        {
            logger.StageModelMismatch(role, file, actual, sha256, without);
            return null;
        }
        var session = sessions.CreateStageModel(file, model);
        logger.StageModelLoaded(role, file, session.Batched ? "the jobs on their way to it run in batches (Execution:StageModelBatches)" : "it runs a job at a time");
        return session;
    }

    /// <summary>
    /// One run of a stage model on its float input "input" (one job's, or a batch's: <paramref name="shape"/>'s first dimension), written by <paramref name="writeInput"/> into a pooled array
    /// that lives only for the run (not a new ~1 MB array per photo), timed for <see cref="WorkerMetrics"/>. The outputs
    /// are the caller's to dispose.
    /// </summary>
    public static IDisposableReadOnlyCollection<OrtValue> Run<TState>(InferenceSession session, string model, long[] shape, int length,
        TState state, SpanAction<float, TState> writeInput, string[] outputNames)
    {
        var input = ArrayPool<float>.Shared.Rent(length);
        try
        {
            writeInput(input.AsSpan(0, length), state);
            using var inputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AsMemory(0, length), shape);
            using var runOptions = new RunOptions();
            var started = Stopwatch.GetTimestamp();
            var outputs = session.Run(runOptions, ["input"], [inputValue], outputNames);
            WorkerMetrics.RecordStageModel(model, started);
            WorkerMetrics.StageModelBatchSize.Record((int)shape[0], new KeyValuePair<string, object?>("model", model));
            return outputs;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
        }
    }
}
