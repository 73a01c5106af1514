namespace RenderFarm.Farm.Painters;

/// <summary>
/// One painter as models/manifest.json describes it: an ONNX file and its tensor contract, or an artwork that the
/// manifest's stylizer paints after.
/// </summary>
public sealed record PainterDescriptor
{
    /// <summary>Style name used in the API ("oil", "udnie", "rubens-chapeau-de-paille", ...).</summary>
    public required string Name { get; init; }
    /// <summary><see cref="PainterKinds.Model"/> (the default), <see cref="PainterKinds.Artwork"/> or <see cref="PainterKinds.External"/>.</summary>
    public string Kind { get; init; } = PainterKinds.Model;
    /// <summary>"oil", "watercolor", "ink" or "neural".</summary>
    public required string Medium { get; init; }
    public string Description { get; init; } = "";
    /// <summary>The ONNX model, or for an artwork the image of the artwork.</summary>
    public required string File { get; init; }
    /// <summary>Lower-case hex SHA-256 of the file; a painter whose file does not match is not loaded.</summary>
    public required string Sha256 { get; init; }
    public string InputName { get; init; } = "image";
    public string OutputName { get; init; } = "painted";
    /// <summary>Pixel values the model takes and gives: [0, 255] or [0, 1]; planar RGB NCHW.</summary>
    public float[] ValueRange { get; init; } = [0f, 255f];
    public int CanvasWidth { get; init; } = 512;
    public int CanvasHeight { get; init; } = 640;
    public string Provenance { get; init; } = "";
    public string License { get; init; } = "";

    /// <summary>Artworks: who painted it ("Rembrandt").</summary>
    public string? Artist { get; init; }
    /// <summary>Artworks: its title ("Self-Portrait with Two Circles").</summary>
    public string? Title { get; init; }
    /// <summary>Artworks: the year it was made (the first year where a span is known).</summary>
    public int? Year { get; init; }
    /// <summary>
    /// Artworks: times the stylizer paints over its own result. A second pass deepens the artwork's brushwork on
    /// oils; drawings and prints keep one, where a second buries a face under hatching.
    /// </summary>
    public int Passes { get; init; } = 1;
    /// <summary>Artworks: the kinds of photo auto style gives this artwork (see the Worker's PhotoCharacter).</summary>
    public string[] Suits { get; init; } = [];

    public bool IsArtwork => Kind == PainterKinds.Artwork;

    public bool IsExternal => Kind == PainterKinds.External;

    /// <summary>"after Rembrandt, Self-Portrait with Two Circles (1665)" for artworks; the painter's name otherwise.</summary>
    public string Attribution => IsArtwork ? $"after {Artist}, {Title}{(Year is { } year ? $" ({year})" : "")}" : Name;
}
