using System.Collections.Concurrent;
using System.Security.Cryptography;
using RenderFarm.Farm.Painters;
using SkiaSharp;

namespace RenderFarm.Gateway.Styles;

/// <summary>
/// Small images of the artworks the catalog offers, for the upload page's style choice: each made once from the
/// artwork file (checked against its pinned SHA-256, fitted into <see cref="MaxWidth"/>×<see cref="MaxHeight"/>,
/// re-encoded as WebP, which leaves the file's metadata behind) and kept in memory. A file that has gone missing or
/// does not match its checksum gives no image, and is tried again on the next request.
/// </summary>
public sealed class ArtworkThumbnails(PainterCatalog painters, ILogger<ArtworkThumbnails> logger)
{
    public const int MaxWidth = 240;
    public const int MaxHeight = 300;
    const int Quality = 82;
    const string ContentType = "image/webp";

    /// <summary>Changes whenever the way a thumbnail is made changes, so the ETag does too.</summary>
    static readonly string Recipe = $"webp{Quality}-{MaxWidth}x{MaxHeight}";

    readonly ConcurrentDictionary<string, Lazy<ArtworkThumbnail?>> made = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The thumbnail of the artwork called <paramref name="name"/>; null for an unknown name, a painter that is not an artwork, or an unreadable file.</summary>
    public ArtworkThumbnail? Find(string name)
    {
        if (!painters.TryGet(name, out var painter, out var path) || !painter.IsArtwork)
            return null;
        var entry = made.GetOrAdd(painter.Name, _ => new Lazy<ArtworkThumbnail?>(() => Make(painter, path)));
        var thumbnail = entry.Value;
        if (thumbnail is null)
            made.TryRemove(new KeyValuePair<string, Lazy<ArtworkThumbnail?>>(painter.Name, entry));
        return thumbnail;
    }

    ArtworkThumbnail? Make(PainterDescriptor artwork, string path)
    {
        byte[] file;
        try
        {
            file = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.ArtworkUnreadable(ex, artwork.Name, artwork.File);
            return null;
        }

        // The ETag stands for the pinned checksum: a file that does not match must not be served under it.
        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(file)), artwork.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            logger.ArtworkMismatch(artwork.Name, artwork.File);
            return null;
        }

        using var original = SKBitmap.Decode(file);
        if (original is null)
        {
            logger.ArtworkUndecodable(artwork.Name, artwork.File);
            return null;
        }

        var scale = Math.Min(1.0, Math.Min((double)MaxWidth / original.Width, (double)MaxHeight / original.Height));
        var (width, height) = (Math.Max(1, (int)Math.Round(original.Width * scale)), Math.Max(1, (int)Math.Round(original.Height * scale)));
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var source = SKImage.FromBitmap(original);
        // Prints and drawings with transparency are ink on white paper, as the painters read them.
        surface.Canvas.Clear(SKColors.White);
        surface.Canvas.DrawImage(source, SKRect.Create(0, 0, width, height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        using var image = surface.Snapshot();
        using var encoded = image.Encode(SKEncodedImageFormat.Webp, Quality);
        return new ArtworkThumbnail(encoded.ToArray(), ContentType, $"\"{artwork.Sha256.ToLowerInvariant()}-{Recipe}\"", width, height);
    }
}
