using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RenderFarm.Farm.Painters;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Painting;

namespace RenderFarm.Worker.Tests.Faces;

/// <summary>The real UltraFace model from the shared models directory, on the CPU provider.</summary>
public static class Detector
{
    public static FaceDetector Create(string? file = null) => new(
        Options.Create(new FaceDetectionOptions { File = file ?? new FaceDetectionOptions().File }),
        Options.Create(new PainterOptions { ModelDirectories = [SharedData.Models] }),
        new SessionFactory(Options.Create(new ExecutionOptions { Provider = "cpu" }), NullLogger<SessionFactory>.Instance),
        NullLogger<FaceDetector>.Instance);
}
