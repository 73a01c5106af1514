namespace RenderFarm.Gateway.Styles;

/// <summary>A small re-encoded image of an artwork (no metadata) and its strong entity tag, quoted.</summary>
public sealed record ArtworkThumbnail(byte[] Bytes, string ContentType, string ETag, int Width, int Height);
