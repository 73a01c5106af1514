namespace RenderFarm.Farm.Uploads;

/// <summary>Magic numbers of image formats, to tell a damaged image from a file that is no image at all.</summary>
public static class ImageSignature
{
    /// <summary>The formats the farm paints from (the Gateway's uploads and the worker's paint command alike).</summary>
    public static bool IsPaintable(ReadOnlySpan<byte> head) => Recognise(head) is "jpeg" or "png" or "gif" or "webp";

    public static string? Recognise(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "jpeg";
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G'])) return "png";
        if (head.StartsWith("GIF8"u8)) return "gif";
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return "webp";
        if (head.StartsWith("BM"u8)) return "bmp";
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8)) return "heif";
        // PNG with a damaged first signature byte (PngSuite xs1n0g01) still announces itself.
        if (head.Length >= 8 && head[1..4].SequenceEqual("PNG"u8)) return "png";
        return null;
    }
}
