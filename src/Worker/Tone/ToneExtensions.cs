namespace RenderFarm.Worker.Tone;

public static class ToneExtensions
{
    /// <summary>The tone step after the painter, in C# or as a graph (Execution:StageGraphs).</summary>
    public static TBuilder AddToneStep<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddSingleton<ToneStep>();
        return builder;
    }
}
