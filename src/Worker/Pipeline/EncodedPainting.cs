namespace RenderFarm.Worker.Pipeline;

/// <summary>A painting ready for the gallery: JPEG bytes of the full image and its thumbnail, no metadata.</summary>
public sealed record EncodedPainting(byte[] Image, byte[] Thumbnail);
