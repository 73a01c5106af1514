using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RenderFarm.Worker.Painting;

namespace RenderFarm.Worker.Tests.Painting;

/// <summary>
/// Where the face detector and the person segmenter run (Execution:StageModels): on the node's cores, or on the
/// painters' provider. Real detector model; this machine has no CUDA, so the provider a session takes is told apart by
/// what it leaves in <see cref="SessionFactory.ProviderInUse"/>.
/// </summary>
public class StageModelPlacementTests
{
    // Batched on the device they cost the cores less than half of what they cost on the cores (docs/PERFORMANCE.md
    // 0n); a job at a time on the device they cost the GPU twice the painter (0l), which a node with the cores avoids.
    [Theory]
    [InlineData("auto", "auto", 16, false)]
    [InlineData("auto", "on", 64, false)]
    [InlineData("auto", "off", 16, true)]
    [InlineData("auto", "off", ExecutionOptions.HostStageModelsMinCores, true)]
    [InlineData("auto", "off", ExecutionOptions.HostStageModelsMinCores - 1, false)]
    [InlineData("host", "auto", 2, true)]
    [InlineData("device", "off", 64, false)]
    public void Auto_keeps_the_stage_models_on_the_device_unless_they_would_run_there_a_job_at_a_time_on_a_node_with_the_cores_for_them(
        string placement, string batches, int cores, bool onHost) =>
        Assert.Equal(onHost, new ExecutionOptions { StageModels = placement, StageModelBatches = batches }.StageModelsOnHost(cores));

    // On the host the session is the CPU provider's whatever paints, and the painters' provider is still to be said
    // by the painters ("none" until one opens); on the device it is the painters' provider (here the CPU's).
    [Theory]
    [InlineData("host", "none")]
    [InlineData("device", "cpu")]
    public void A_stage_model_opens_where_its_placement_says_and_finds_the_face(string placement, string providerAfter)
    {
        var sessions = Factory(placement);

        var (session, batched) = sessions.CreateStageModel(Path.GetFileName(DetectorSession.Path), File.ReadAllBytes(DetectorSession.Path));
        using var _ = session;

        Assert.Equal(providerAfter, sessions.ProviderInUse);
        Assert.False(batched); // auto batches only on CUDA
        Assert.True(DetectorSession.BestFaceScore(session) > 0.9f);
    }

    [Theory]
    [InlineData("auto", "cuda", true)]
    [InlineData("auto", "cpu", false)]
    [InlineData("on", "cpu", true)]
    [InlineData("off", "cuda", false)]
    public void Auto_batches_the_stage_models_only_where_they_run_on_cuda(string batches, string provider, bool batched) =>
        Assert.Equal(batched, new ExecutionOptions { StageModelBatches = batches }.BatchStageModels(provider));

    [Theory]
    [InlineData("host")]
    [InlineData("device")]
    public void A_stage_model_that_batches_opens_with_a_free_batch_dimension_where_its_placement_says(string placement)
    {
        var sessions = new SessionFactory(Options.Create(new ExecutionOptions { Provider = "cpu", StageModels = placement, StageModelBatches = "on" }),
            NullLogger<SessionFactory>.Instance);

        var (session, batched) = sessions.CreateStageModel(Path.GetFileName(DetectorSession.Path), File.ReadAllBytes(DetectorSession.Path));
        using var _ = session;

        Assert.True(batched);
        Assert.Equal(FreeBatchDimension.Name, session.InputMetadata["input"].SymbolicDimensions[0]);
        Assert.True(DetectorSession.BestFaceScore(session) > 0.9f);
    }

    static SessionFactory Factory(string placement) =>
        new(Options.Create(new ExecutionOptions { Provider = "cpu", StageModels = placement }), NullLogger<SessionFactory>.Instance);

    // The bytes checked against the pin are the bytes opened: a pin the file does not match opens nothing.
    [Fact]
    public void A_stage_model_opens_only_when_its_file_matches_its_pin()
    {
        var sessions = Factory("host");
        var directory = System.IO.Path.GetDirectoryName(DetectorSession.Path)!;
        var file = System.IO.Path.GetFileName(DetectorSession.Path);
        var pin = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(DetectorSession.Path)));

        var opened = StageModel.TryOpen(file, pin, [directory], sessions, NullLogger.Instance, "Face detector", "photos get a centred crop");
        var refused = StageModel.TryOpen(file, new string('0', 64), [directory], sessions, NullLogger.Instance, "Face detector", "photos get a centred crop");

        Assert.NotNull(opened);
        Assert.True(DetectorSession.BestFaceScore(opened.Session) > 0.9f);
        opened.Session.Dispose();
        Assert.Null(refused);
    }
}
