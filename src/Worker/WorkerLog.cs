namespace RenderFarm.Worker;

/// <summary>
/// Every log message the worker writes, source-generated (no boxing, no parsing at run time), with stable event ids
/// (1000s) that dashboards and alerts can key on. Messages carry job ids, codes and timings, never anything about
/// the sitter or the uploader.
/// </summary>
public static partial class WorkerLog
{
    // Jobs
    [LoggerMessage(1001, LogLevel.Information, "Job {JobId} not painted: it is {Status}")]
    public static partial void JobSkipped(this ILogger logger, Guid jobId, string status);

    [LoggerMessage(1002, LogLevel.Information, "Job {JobId} painted as {Style} in {TotalMs} ms")]
    public static partial void JobPainted(this ILogger logger, Guid jobId, string style, double totalMs);

    [LoggerMessage(1003, LogLevel.Information, "Job {JobId} became {Status} while painting; its painting was discarded")]
    public static partial void PaintingDiscarded(this ILogger logger, Guid jobId, string status);

    [LoggerMessage(1009, LogLevel.Information, "Job {JobId} was delivered twice; the other delivery finished it first and its painting stays")]
    public static partial void DuplicateDeliveryFinished(this ILogger logger, Guid jobId);

    [LoggerMessage(1004, LogLevel.Warning, "Job {JobId} attempt {Attempt} failed; retrying")]
    public static partial void JobRetrying(this ILogger logger, Exception exception, Guid jobId, int attempt);

    [LoggerMessage(1005, LogLevel.Warning, "Job {JobId} failed with {ErrorCode}")]
    public static partial void JobFailed(this ILogger logger, Exception exception, Guid jobId, string errorCode);

    [LoggerMessage(1006, LogLevel.Debug, "Job {JobId}: the photo's download beside a claim that did not take the job ended in an error")]
    public static partial void UnclaimedDownloadFailed(this ILogger logger, Exception exception, Guid jobId);

    // Uploads past their TTL

    // Painters and models
    [LoggerMessage(1201, LogLevel.Information, "Painting on CUDA device {DeviceId}")]
    public static partial void PaintingOnCuda(this ILogger logger, int deviceId);

    [LoggerMessage(1202, LogLevel.Warning, "CUDA execution provider unavailable ({Error}); painting on the CPU")]
    public static partial void CudaUnavailable(this ILogger logger, string error);

    [LoggerMessage(1203, LogLevel.Information, "{Model} runs on the CPU execution provider with {Threads} intra-op threads")]
    public static partial void RunsOnCpu(this ILogger logger, string model, int threads);

    [LoggerMessage(1204, LogLevel.Information, "Loaded painter {Painter} ({Medium}) in {ElapsedMs:F0} ms on {Provider}, batches up to {MaxBatch}")]
    public static partial void PainterLoaded(this ILogger logger, string painter, string medium, double elapsedMs, string provider, int maxBatch);

    [LoggerMessage(1205, LogLevel.Information, "Loaded painter {Painter} ({Attribution}, {Medium}): style code computed in {ElapsedMs:F0} ms on {Provider}")]
    public static partial void ArtworkLoaded(this ILogger logger, string painter, string attribution, string medium, double elapsedMs, string provider);

    [LoggerMessage(1206, LogLevel.Warning, "Painter {Painter} is external: painted by {Source}, registered by the hosting process")]
    public static partial void ExternalPainterLoaded(this ILogger logger, string painter, string source);

    [LoggerMessage(1218, LogLevel.Warning, "A painter's inference was still running after the wait at shutdown: its model and the shared stylizer are left to the process's exit")]
    public static partial void PainterStillRunning(this ILogger logger);

    [LoggerMessage(1219, LogLevel.Information, "{Model} runs on the CPU execution provider with one thread (Execution:StageModels {Placement}, {Cores} cores)")]
    public static partial void StageModelOnHost(this ILogger logger, string model, string placement, int cores);

    [LoggerMessage(1221, LogLevel.Information, "CUDA device {DeviceId}: a thread waiting for the GPU waits by {Mode} (Execution:CudaSync)")]
    public static partial void CudaSyncSet(this ILogger logger, int deviceId, string mode);

    [LoggerMessage(1222, LogLevel.Warning, "Execution:CudaSync {Mode} could not be set ({Failure}); CUDA's own choice stays")]
    public static partial void CudaSyncNotSet(this ILogger logger, string mode, string failure);

    [LoggerMessage(1220, LogLevel.Error, "The stage models (face detector, person segmenter) failed to warm up")]
    public static partial void StageModelsWarmupFailed(this ILogger logger, Exception exception);

    [LoggerMessage(1207, LogLevel.Error, "Painter {Painter} failed to warm up")]
    public static partial void WarmupFailed(this ILogger logger, Exception exception, string painter);

    [LoggerMessage(1208, LogLevel.Information, "Painters warmed up on {Provider} in {ElapsedMs:F0} ms: {Painters}")]
    public static partial void PaintersWarmed(this ILogger logger, string provider, double elapsedMs, string painters);

    [LoggerMessage(1209, LogLevel.Error, "Painter {Painter} failed an inference of {BatchSize} (device fault: {DeviceFault}); {InARow} failures in a row")]
    public static partial void PaintFailed(this ILogger logger, Exception exception, string painter, int batchSize, bool deviceFault, int inARow);

    [LoggerMessage(1211, LogLevel.Information, "{Role} is off (no file configured): {Without}")]
    public static partial void StageModelOff(this ILogger logger, string role, string without);

    [LoggerMessage(1212, LogLevel.Warning, "{Role} {File} is in none of the model directories: {Without}")]
    public static partial void StageModelMissing(this ILogger logger, string role, string file, string without);

    [LoggerMessage(1213, LogLevel.Error, "{Role} {File} has SHA-256 {Actual}, {Pinned} is pinned: not loaded; {Without}")]
    public static partial void StageModelMismatch(this ILogger logger, string role, string file, string actual, string pinned, string without);

    [LoggerMessage(1214, LogLevel.Information, "{Role} {File} loaded; {Runs}")]
    public static partial void StageModelLoaded(this ILogger logger, string role, string file, string runs);

    [LoggerMessage(1215, LogLevel.Information, "The {Graph} runs on the {Provider} execution provider")]
    public static partial void StageGraphOnDevice(this ILogger logger, string graph, string provider);

    [LoggerMessage(1216, LogLevel.Information, "The {Graph}'s stage runs in C# on the stage threads (models on {Provider})")]
    public static partial void StageGraphOnHost(this ILogger logger, string graph, string provider);

    [LoggerMessage(1217, LogLevel.Error, "The {Graph} did not open on the {Provider} execution provider; its stage runs in C# on the stage threads")]
    public static partial void StageGraphFailed(this ILogger logger, Exception exception, string graph, string provider);

    // Encoding
    [LoggerMessage(1401, LogLevel.Information, "JPEG photos are decoded and paintings encoded by {Codec}")]
    public static partial void JpegCodecChosen(this ILogger logger, string codec);

    [LoggerMessage(1402, LogLevel.Warning, "libjpeg-turbo is not available ({Reason}); JPEGs are decoded and encoded by Skia, ~2x and ~5x slower. Install libturbojpeg0 (Debian) or libturbojpeg (Ubuntu)")]
    public static partial void TurboJpegUnavailable(this ILogger logger, string reason);

    // Scheduling
    [LoggerMessage(1301, LogLevel.Information, "{Count} stage threads for decoding, framing and encoding, {Lowered} of them at nice {Nice}")]
    public static partial void StageThreadsStarted(this ILogger logger, int count, int lowered, int nice);
}
