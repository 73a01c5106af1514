using RenderFarm.ServiceDefaults;

namespace RenderFarm.Worker.Tone;

public static class ToneExtensions
{
    /// <summary>The tone step after the painter and where it runs, bound from "Tone".</summary>
    public static TBuilder AddToneStep<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddValidatedOptions<ToneOptions>(ToneOptions.Section);
        builder.Services.AddSingleton<ToneStep>();
        return builder;
    }
}
