using RenderFarm.ServiceDefaults;
namespace RenderFarm.Worker.Figure;

public static class FigureExtensions
{
    /// <summary>The person segmenter that separates the sitter from the photo's surroundings, bound from "Figure".</summary>
    public static TBuilder AddFigureGround<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddValidatedOptions<FigureOptions>(FigureOptions.Section);
        builder.Services.AddSingleton<PersonSegmenter>();
        builder.Services.AddSingleton<FigureGround>();
        return builder;
    }
}
