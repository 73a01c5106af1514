namespace RenderFarm.Worker.Faces;

public static class FaceDetectionExtensions
{
    /// <summary>The UltraFace detector that frames portraits, bound from "FaceDetection".</summary>
    public static TBuilder AddFaceDetection<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<FaceDetectionOptions>().BindConfiguration(FaceDetectionOptions.Section);
        builder.Services.AddSingleton<FaceDetector>();
        return builder;
    }
}
