using Microsoft.Extensions.Options;
using RenderFarm.ServiceDefaults;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Scheduling;

namespace RenderFarm.Worker.Pipeline;

public static class PipelineExtensions
{
    /// <summary>The stages of a job (decode → frame → paint → tone → encode → gallery) and their options.</summary>
    public static TBuilder AddPortraitPipeline<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddValidatedOptions<CanvasOptions>(CanvasOptions.Section);
        builder.Services.AddValidatedOptions<OutputOptions>(OutputOptions.Section);
        builder.Services.AddValidatedOptions<DecoderOptions>(DecoderOptions.Section);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddValidatedOptions<StageThreadOptions>(StageThreadOptions.Section);
        builder.Services.AddSingleton<StageThreads>();
        builder.Services.AddSingleton<IPartRunner>(services => services.GetRequiredService<StageThreads>());
        // Registered before the bus (AddWorkerBus comes later), so it stops after the bus has drained.
        builder.Services.AddHostedService<StageThreadsStopper>();
        builder.Services.AddSingleton<SourceFetcher>();
        builder.Services.AddSingleton<SourceDecoder>();
        builder.Services.AddSingleton<LargePhotoGate>();
        builder.Services.AddSingleton<PortraitFramer>();
        builder.Services.AddSingleton<StyleChooser>();
        builder.Services.AddSingleton<ToneStep>();
        builder.Services.AddValidatedOptions<JpegOptions>(JpegOptions.Section);
        builder.Services.AddSingleton(services => JpegCodecs.Choose(
            services.GetRequiredService<IOptions<JpegOptions>>().Value, services.GetRequiredService<ILogger<JpegCodecs>>()));
        builder.Services.AddSingleton(services => services.GetRequiredService<JpegCodecs>().Encoder);
        builder.Services.AddSingleton<PaintingEncoder>();
        builder.Services.AddSingleton<GalleryWriter>();
        builder.Services.AddSingleton<SourceJanitor>();
        builder.Services.AddSingleton<PortraitStudio>();
        builder.Services.AddSingleton<StudioWarmup>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StudioWarmup>());
        builder.Services.AddHealthChecks().AddCheck<StudioWarmup>("painters", tags: [ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }
}
