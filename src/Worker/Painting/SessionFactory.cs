using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace RenderFarm.Worker.Painting;

/// <summary>Creates InferenceSessions on CUDA when it is available and wanted, otherwise on the CPU, and says which.</summary>
public sealed class SessionFactory(IOptions<ExecutionOptions> options, ILogger<SessionFactory> logger)
{
    bool? cudaWorks;

    public string ProviderInUse { get; private set; } = "none";

    /// <summary>A session for a model shipped as a file (the painters, the detector, the segmenter).</summary>
    /// <param name="modelPath">The ONNX file; the log calls the session by its file name.</param>
    /// <param name="intraOpThreads">CPU threads per inference for this model; null takes Execution:IntraOpThreads.</param>
    public InferenceSession Create(string modelPath, int? intraOpThreads = null) =>
        Open(Path.GetFileName(modelPath), options => ProfiledSession.Open(modelPath, options), intraOpThreads);

    /// <summary>
    /// A session for a stage model (the face detector, the person segmenter) on one thread, where
    /// Execution:StageModels puts it: on the CPU provider, or on the painters' provider as <see cref="Create(string, int?)"/>.
    /// A stage model on the CPU leaves <see cref="ProviderInUse"/> to the painters. The file's weights are opened as
    /// constants (<see cref="WeightInputs"/>); where Execution:StageModelBatches says it gathers jobs, with its batch
    /// dimension freed.
    /// </summary>
    /// <param name="name">The model's file name, for the log.</param>
    /// <param name="file">The file's bytes, as its checksum was checked.</param>
    public StageModelSession CreateStageModel(string name, byte[] file)
    {
        var settings = options.Value;
        var model = WeightInputs.Removed(file);
        InferenceSession Alone(SessionOptions sessionOptions) => ProfiledSession.Open(model, sessionOptions);
        InferenceSession Batchable(SessionOptions sessionOptions) => ProfiledSession.Open(FreeBatchDimension.Of(model), sessionOptions);
        if (settings.StageModelsOnHost(Environment.ProcessorCount))
        {
            var cpuOptions = BaseOptions(settings, intraOpThreads: 1, name);
            logger.StageModelOnHost(name, settings.StageModels, Environment.ProcessorCount);
            var batched = settings.BatchStageModels("cpu");
            return new StageModelSession(batched ? Batchable(cpuOptions) : Alone(cpuOptions), batched);
        }
        if (settings.StageModelBatches == "on")
            return new StageModelSession(Open(name, Batchable, intraOpThreads: 1), Batched: true);
        var session = Open(name, Alone, intraOpThreads: 1);
        if (!settings.BatchStageModels(ProviderInUse))
            return new StageModelSession(session, Batched: false);
        // Only now is it known that the provider is one to batch on: the model is opened again, batchable.
        session.Dispose();
        return new StageModelSession(Open(name, Batchable, intraOpThreads: 1), Batched: true);
    }

    /// <summary>A session for a graph the worker builds itself (the tone step's), from its bytes.</summary>
    /// <param name="name">What the log calls it.</param>
    /// <param name="model">The ONNX file's bytes.</param>
    /// <param name="intraOpThreads">CPU threads per inference; null takes Execution:IntraOpThreads.</param>
    public InferenceSession Create(string name, byte[] model, int? intraOpThreads = null) =>
        Open(name, options => ProfiledSession.Open(model, options), intraOpThreads);

    InferenceSession Open(string name, Func<SessionOptions, InferenceSession> open, int? intraOpThreads)
    {
        var settings = options.Value;
        var wantCuda = settings.Provider is "auto" or "cuda";
        if (wantCuda && cudaWorks != false)
        {
            if (cudaWorks is null && settings.CudaSync != "auto")
                SetCudaSync(settings);
            var cudaOptions = BaseOptions(settings, intraOpThreads, name);
            // Where CUDA's libraries are missing ONNX Runtime logs a red error line of its own for every try, before
            // the exception that says the same; the worker says it once, in its own log (CudaUnavailable).
            var environment = OrtEnv.Instance();
            var logLevel = environment.EnvLogLevel;
            if (settings.Provider == "auto")
                environment.EnvLogLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
            OrtCUDAProviderOptions? providerOptions = null;
            try
            {
                // Made inside the try: where CUDA's libraries are missing, making the provider's options fails already.
                providerOptions = new OrtCUDAProviderOptions();
                providerOptions.UpdateOptions(CudaProviderSettings.For(settings));
                cudaOptions.AppendExecutionProvider_CUDA(providerOptions);
                var session = open(cudaOptions);
                if (cudaWorks is null)
                    logger.PaintingOnCuda(settings.CudaDeviceId);
                cudaWorks = true;
                ProviderInUse = "cuda";
                return session;
            }
            catch (Exception ex) when (settings.Provider == "auto" && ex is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
            {
                cudaOptions.Dispose();
                cudaWorks = false;
                logger.CudaUnavailable(FirstLine(ex.Message));
            }
            finally
            {
                providerOptions?.Dispose();
                environment.EnvLogLevel = logLevel;
            }
        }

        var cpuOptions = BaseOptions(settings, intraOpThreads, name);
        logger.RunsOnCpu(name, cpuOptions.IntraOpNumThreads);
        ProviderInUse = "cpu";
        return open(cpuOptions);
    }

    // Before the provider's first session makes the CUDA context. Where CUDA's runtime is missing the provider's own
    // try says that CUDA is unavailable (log 1202); where the runtime refuses, the worker paints with CUDA's own choice.
    void SetCudaSync(ExecutionOptions settings)
    {
        switch (CudaSchedule.TrySet(settings.CudaDeviceId, settings.CudaSync))
        {
            case null:
                logger.CudaSyncSet(settings.CudaDeviceId, settings.CudaSync);
                break;
            case CudaSchedule.RuntimeMissing:
                break;
            case var failure:
                logger.CudaSyncNotSet(settings.CudaSync, failure);
                break;
        }
    }

    static SessionOptions BaseOptions(ExecutionOptions settings, int? intraOpThreads, string name)
    {
        var threads = intraOpThreads ?? settings.IntraOpThreads;
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = threads > 0 ? threads : Environment.ProcessorCount,
            InterOpNumThreads = 1,
            // While profiling, ONNX Runtime's warnings too: that copies between the CPU and the GPU were put into the
            // graph, or that a convolution runs in a slow fallback, is what a diagnosis looks for.
            LogSeverityLevel = string.IsNullOrEmpty(settings.ProfileDirectory) ? OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR : OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING,
        };
        // After a run ONNX Runtime's threads spin waiting for the next one, holding cores that decoding and encoding of
        // the other jobs in flight need. The worker never runs inferences back to back without such work in between.
        if (!settings.SpinThreads)
            options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        if (!string.IsNullOrEmpty(settings.ProfileDirectory))
        {
            Directory.CreateDirectory(settings.ProfileDirectory);
            // The prefix first: turning profiling on hands ONNX Runtime the prefix set at that moment. It adds the time
            // the session opened and ".json".
            options.ProfileOutputPathPrefix = Path.Combine(settings.ProfileDirectory, Path.GetFileNameWithoutExtension(name) + "-");
            options.EnableProfiling = true;
        }
        return options;
    }

    static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
