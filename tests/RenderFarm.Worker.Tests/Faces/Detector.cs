using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RenderFarm.Farm.Painters;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Scheduling;

namespace RenderFarm.Worker.Tests.Faces;

/// <summary>The real UltraFace model from the shared models directory, on the CPU provider.</summary>
public static class Detector
{
    // Only a detector that batches (Execution:StageModelBatches) uses them; the test process keeps them.
    static readonly StageThreads StageThreads = new(Options.Create(new StageThreadOptions { StageThreads = 1 }), NullLogger<StageThreads>.Instance);

    public static FaceDetector Create(string? file = null, string batches = "auto") => new(
        Options.Create(new FaceDetectionOptions { File = file ?? new FaceDetectionOptions().File }),
        Options.Create(new PainterOptions { ModelDirectories = [SharedData.Models] }),
        Options.Create(new BatchingOptions()),
        new SessionFactory(Options.Create(new ExecutionOptions { Provider = "cpu", StageModelBatches = batches }), NullLogger<SessionFactory>.Instance),
        StageThreads, TimeProvider.System, NullLogger<FaceDetector>.Instance);
}
