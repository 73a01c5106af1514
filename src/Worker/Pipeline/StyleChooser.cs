using RenderFarm.Contracts;
using RenderFarm.ServiceDefaults;
using RenderFarm.Worker.Painting;

namespace RenderFarm.Worker.Pipeline;

/// <summary>Resolves the requested style to an available painter; "auto" takes the farm's default painter.</summary>
public sealed class StyleChooser(PainterCatalog catalog)
{
    public StyleChoice Choose(string requested, RgbaImage framed)
    {
        if (!string.Equals(requested, StyleNames.Auto, StringComparison.OrdinalIgnoreCase))
        {
            return catalog.Contains(requested)
                ? new StyleChoice(requested, "requested by the uploader")
                : throw new PortraitJobException(ErrorCodes.StyleUnavailable, $"No worker painter is called \"{requested}\".");
        }
        return catalog.DefaultStyle is { } style
            ? new StyleChoice(style, "auto: the farm's default painter")
            : throw new PortraitJobException(ErrorCodes.StyleUnavailable, "This worker has no painter at all.");
    }
}
