using System.Globalization;
using RenderFarm.Contracts;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Worker.Pipeline;

/// <summary>
/// Resolves the requested style to an available painter. "auto" picks a medium from the framed photo's features
/// (<see cref="PhotoFeatures"/>), deterministically, first matching rule wins:
/// <list type="number">
/// <item>colourfulness below <see cref="MonochromeBelow"/> → ink: a near-grey photo has nothing for paint to say, lines do;</item>
/// <item>key at least <see cref="HighKeyFrom"/> and contrast below <see cref="SoftBelow"/> → watercolor: bright, soft light suits transparent washes;</item>
/// <item>otherwise → oil: colour and contrast carry opaque paint.</item>
/// </list>
/// When the chosen medium has no painter here, the farm's default painter is used and the reason says so.
/// </summary>
public sealed class StyleChooser(PainterCatalog catalog)
{
    public const double MonochromeBelow = 15;
    public const double HighKeyFrom = 0.55;
    public const double SoftBelow = 0.2;

    public StyleChoice Choose(string requested, FramedPortrait framed)
    {
        if (!string.Equals(requested, StyleNames.Auto, StringComparison.OrdinalIgnoreCase))
        {
            return catalog.Contains(requested)
                ? new StyleChoice(requested, "requested by the uploader")
                : throw new PortraitJobException(ErrorCodes.StyleUnavailable, $"No worker painter is called \"{requested}\".");
        }

        var faceFill = framed.Face is { } face ? face.Area / (framed.Image.Width * (double)framed.Image.Height) : 0;
        var features = PhotoFeatures.Measure(framed.Image, faceFill);
        var (medium, because) = ChooseMedium(features);
        var painter = catalog.Painters.FirstOrDefault(p => p.Medium == medium)?.Name;
        if (painter is not null)
            return new StyleChoice(painter, $"auto: {because}");

        return catalog.DefaultStyle is { } fallback
            ? new StyleChoice(fallback, $"auto: {because}, but no {medium} painter is installed, so the default {fallback}")
            : throw new PortraitJobException(ErrorCodes.StyleUnavailable, "This worker has no painter at all.");
    }

    public static (string Medium, string Because) ChooseMedium(PhotoFeatures f)
    {
        var c = f.Colourfulness.ToString("F0", CultureInfo.InvariantCulture);
        var k = f.Key.ToString("F2", CultureInfo.InvariantCulture);
        var ct = f.Contrast.ToString("F2", CultureInfo.InvariantCulture);
        if (f.Colourfulness < MonochromeBelow)
            return ("ink", $"near-monochrome photo (colourfulness {c} < {MonochromeBelow}), so ink lines");
        if (f.Key >= HighKeyFrom && f.Contrast < SoftBelow)
            return ("watercolor", $"bright, soft photo (key {k} ≥ {HighKeyFrom}, contrast {ct} < {SoftBelow}), so watercolor washes");
        return ("oil", $"colourful photo with body (colourfulness {c}, key {k}, contrast {ct}), so oil");
    }
}
