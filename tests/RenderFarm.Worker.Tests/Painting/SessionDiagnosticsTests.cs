using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Painting;

namespace RenderFarm.Worker.Tests.Painting;

/// <summary>
/// What a node's operator can ask of the sessions to find out why a model is slow there: ONNX Runtime's profile
/// (Execution:ProfileDirectory) and how a thread waits for the GPU (Execution:CudaSync). Real detector model.
/// </summary>
public sealed class SessionDiagnosticsTests : IDisposable
{
    readonly string directory = ScratchDirectories.New("renderfarm-profile-");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void A_profile_directory_gets_each_session_s_nodes_with_their_provider_when_the_session_closes()
    {
        var sessions = new SessionFactory(Options.Create(new ExecutionOptions { Provider = "cpu", ProfileDirectory = directory }),
            NullLogger<SessionFactory>.Instance);

        using (var session = sessions.Create(DetectorSession.Path, intraOpThreads: 1))
            DetectorSession.BestFaceScore(session);

        var profile = Assert.Single(Directory.GetFiles(directory, "ultraface-rfb-320-*.json"));
        var text = File.ReadAllText(profile);
        Assert.Contains("\"op_name\" : \"Conv\"", text.Replace("\":\"", "\" : \""));
        Assert.Contains("CPUExecutionProvider", text);
    }

    [Fact]
    public void Without_a_profile_directory_no_profile_is_written()
    {
        var sessions = new SessionFactory(Options.Create(new ExecutionOptions { Provider = "cpu" }), NullLogger<SessionFactory>.Instance);
        var before = Directory.GetFiles(Environment.CurrentDirectory, "*.json").Length;

        using (var session = sessions.Create(DetectorSession.Path, intraOpThreads: 1))
            DetectorSession.BestFaceScore(session);

        Assert.Equal(before, Directory.GetFiles(Environment.CurrentDirectory, "*.json").Length);
        Assert.Empty(Directory.GetFiles(directory));
    }

    [Theory]
    [InlineData("spin", 0x01u)]
    [InlineData("yield", 0x02u)]
    [InlineData("block", 0x04u)]
    public void Each_cuda_sync_mode_is_cuda_s_own_schedule_flag(string mode, uint flags) =>
        Assert.Equal(flags, CudaSchedule.FlagsOf(mode));

    [Fact]
    public void Auto_sets_no_schedule_flag() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CudaSchedule.FlagsOf("auto"));

    // The CUDA provider's options are made inside the provider's try: where CUDA's libraries are missing (this machine)
    // making them fails as the provider would, and the model runs on the CPU; where CUDA is present, on it.
    [Fact]
    public void Cuda_provider_settings_leave_the_model_running_where_cuda_is_missing_or_present()
    {
        var logger = new EventIds();
        var sessions = new SessionFactory(Options.Create(new ExecutionOptions
        {
            Provider = "auto",
            CudnnConvAlgoSearch = "heuristic",
            CudaPreferNhwc = true,
        }), logger);

        using (var session = sessions.Create(DetectorSession.Path, intraOpThreads: 1))
            Assert.True(DetectorSession.BestFaceScore(session) > 0.9f);

        Assert.Equal(sessions.ProviderInUse == "cpu" ? 1 : 0, logger.Ids.Count(id => id == 1202));
    }

    // Where CUDA's runtime is missing (this machine) nothing is said of the wait (the provider's own try says CUDA is
    // unavailable) and the model runs on the CPU; where it is present the wait is said to be set, or not. Either way
    // at most once, before the first session.
    [Fact]
    public void A_cuda_sync_mode_is_tried_once_before_the_first_session_and_the_models_run_either_way()
    {
        var logger = new EventIds();
        var sessions = new SessionFactory(Options.Create(new ExecutionOptions { Provider = "auto", CudaSync = "block" }), logger);

        using (var first = sessions.Create(DetectorSession.Path, intraOpThreads: 1))
        using (var second = sessions.Create(DetectorSession.Path, intraOpThreads: 1))
        {
            Assert.True(DetectorSession.BestFaceScore(first) > 0.9f);
            Assert.True(DetectorSession.BestFaceScore(second) > 0.9f);
        }

        var saidOfTheWait = logger.Ids.Count(id => id is 1221 or 1222);
        if (sessions.ProviderInUse == "cuda")
            Assert.Equal(1, saidOfTheWait);
        else
            Assert.Equal(0, saidOfTheWait);
        Assert.Equal(sessions.ProviderInUse == "cpu" ? 1 : 0, logger.Ids.Count(id => id == 1202));
    }

    /// <summary>Keeps the event ids the factory logs (the pure fact of what it said, not its wording).</summary>
    sealed class EventIds : ILogger<SessionFactory>
    {
        public ConcurrentQueue<int> Ids { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Ids.Enqueue(eventId.Id);
    }
}
