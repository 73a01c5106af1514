using RenderFarm.ServiceDefaults;
namespace RenderFarm.Worker.Faces;

public static class FaceDetectionExtensions
{
    /// <summary>The UltraFace detector that frames portraits, bound from "FaceDetection".</summary>
    public static TBuilder AddFaceDetection<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddValidatedOptions<FaceDetectionOptions>(FaceDetectionOptions.Section);
        builder.Services.AddSingleton<FaceDetector>();
        return builder;
    }
}
