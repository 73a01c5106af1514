using RenderFarm.Contracts;
using RenderFarm.Farm.Painters;
using RenderFarm.Worker.Figure;

namespace RenderFarm.Worker.Pipeline;

/// <summary>
/// Resolves the requested style to an available painter. "auto" reads the framed photo's character
/// (<see cref="PhotoCharacter"/>, from explainable <see cref="PhotoFeatures"/>) and names the first artwork in the
/// manifest that suits it, deterministically: "after Rubens, Le Chapeau de Paille (oil): a bright, colourful face".
/// Where no installed artwork suits the character, the default style paints; where the farm has no artworks at all
/// (no stylizer downloaded), the character picks a built-in medium: ink for monochrome photos and busy surroundings,
/// watercolor for soft ones, oil for the rest.
/// </summary>
public sealed class StyleChooser(PainterCatalog catalog)
{
    public StyleChoice Choose(string requested, FramedPortrait framed, int faces, PersonMask? mask)
    {
        if (!string.Equals(requested, StyleNames.Auto, StringComparison.OrdinalIgnoreCase))
        {
            return catalog.TryGet(requested, out var painter, out _)
                ? new StyleChoice(painter.Name, painter.Medium, "requested by the uploader")
                : throw new PortraitJobException(ErrorCodes.StyleUnavailable, $"No worker painter is called \"{requested}\".");
        }
        return ChooseFor(PhotoFeatures.Measure(framed.Image, framed.Face, faces, mask));
    }

    public StyleChoice ChooseFor(PhotoFeatures features)
    {
        var (character, because) = PhotoCharacter.Read(features);
        if (catalog.Artworks.FirstOrDefault(a => a.Suits.Contains(character)) is { } suited)
            return Named(suited, because);
        if (catalog.DefaultStyle is { } fallback && catalog.TryGet(fallback, out var house, out _) && house.IsArtwork)
            return Named(house, $"{because}; no artwork here is chosen for that, so the house style");

        var medium = character switch
        {
            PhotoCharacter.Monochrome or PhotoCharacter.BusyBackground => "ink",
            PhotoCharacter.Soft => "watercolor",
            _ => "oil",
        };
        if (catalog.Painters.FirstOrDefault(p => p.Medium == medium) is { } builtIn)
            return new StyleChoice(builtIn.Name, medium, $"{because}, so {medium}");
        return catalog.DefaultStyle is { } any && catalog.TryGet(any, out var painter, out _)
            ? new StyleChoice(painter.Name, painter.Medium, $"{because}, but no {medium} painter is installed, so the default {painter.Name}")
            : throw new PortraitJobException(ErrorCodes.StyleUnavailable, "This worker has no painter at all.");
    }

    static StyleChoice Named(PainterDescriptor artwork, string because) =>
        new(artwork.Name, artwork.Medium, $"{artwork.Attribution} ({artwork.Medium}): {because}");
}
