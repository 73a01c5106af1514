using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RenderFarm.Farm.Painters;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Scheduling;

namespace RenderFarm.Worker.Figure;

/// <summary>
/// Separates the sitter from the photo's surroundings and seats them on a ground for the medium: a dark studio wall
/// for oil, bare paper for ink and watercolor. Nothing of the room, street or people behind reaches the painter. When
/// no segmenter is configured, or it finds too little of a person, the full frame is painted and the record says so.
/// </summary>
public sealed class FigureGround(PersonSegmenter segmenter, PainterCatalog catalog, IOptions<FigureOptions> options)
{
    readonly ConcurrentDictionary<string, Lazy<GroundTone>> grounds = new(StringComparer.OrdinalIgnoreCase);
    readonly ConcurrentDictionary<(GroundTone Tone, int Width, int Height), RgbaImage> paintedGrounds = new();

    /// <summary>
    /// The ground a portrait in this style is seated on: an artwork's own (its background or paper colour, read from
    /// its image once), otherwise the medium's.
    /// </summary>
    public GroundTone GroundFor(string style) => grounds.GetOrAdd(style, name => new Lazy<GroundTone>(() =>
        catalog.TryGet(name, out var painter, out var path)
            ? painter.IsArtwork ? GroundTone.Of(ArtworkImage.Load(path, ArtworkSide), painter.Medium) : GroundTone.For(painter.Medium)
            : GroundTone.StudioWall)).Value;

    /// <summary>Short side (px) the artwork is read at for its ground colour: plenty for a mean colour.</summary>
    const int ArtworkSide = 256;

    /// <summary>
    /// The painted ground of a tone at a canvas size. It is fixed (no randomness), so each is painted once and shared:
    /// at most one per style and canvas size, 1.3 MB each at 512×640. Nobody writes into it.
    /// </summary>
    RgbaImage Ground(GroundTone tone, int width, int height) =>
        paintedGrounds.GetOrAdd((tone, width, height), key => StudioGround.Paint(key.Tone, key.Width, key.Height));

    public PersonMask? Segment(RgbaImage framed) => segmenter.Segment(framed);

    /// <summary>Where the segmenter gathers jobs into one run (<see cref="PersonSegmenter.Batches"/>); null where it runs a job at a time.</summary>
    public StageModelBatches<RgbaImage, PersonMask?>? Batches => segmenter.Batches;

    public Sitting Seat(RgbaImage framed, PersonMask? mask, GroundTone tone)
    {
        if (!segmenter.IsAvailable)
            return new Sitting(framed, null, null, null, "no person segmenter configured: the full frame is painted");
        if (mask is null || mask.Coverage < options.Value.MinCoverage)
            return new Sitting(framed, null, null, null,
                $"no person found (under {options.Value.MinCoverage * 100:F0}% of the frame): the full frame is painted");
        var ground = Ground(tone, framed.Width, framed.Height);
        var groundName = tone.IsPaper ? "bare paper" : "a dark studio ground";
        return new Sitting(Cutout.Place(framed, mask, ground), mask, tone, ground,
            $"person cut out ({mask.Coverage * 100:F0}% of the frame) and set on {groundName}");
    }
}
