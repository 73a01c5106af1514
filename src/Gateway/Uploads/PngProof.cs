using System.Buffers.Binary;
using System.IO.Compression;
using SkiaSharp;

namespace RenderFarm.Gateway.Uploads;

/// <summary>
/// Proves a PNG whole without decoding its pixels: the chunks are walked to IEND, the image data is inflated through
/// .NET's zlib (which checks the stream's Adler-32) into a small buffer that is thrown away, and the inflated length
/// must be exactly what the header's size, bit depth, colour type and interlacing call for. Memory is the compressed
/// data once more (131 KB for a 6300×6300 PNG that takes 150 MiB to decode) and a 16 KiB buffer.
/// </summary>
public static class PngProof
{
    static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static SKCodecResult Check(byte[] png)
    {
        if (png.Length < 8 + 25 || !png.AsSpan(0, 8).SequenceEqual(Signature))
            return SKCodecResult.InvalidInput;
        var (width, height) = (BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20)));
        var (bitDepth, colourType, interlace) = (png[24], png[25], png[28]);
        if (ExpectedInflatedLength(width, height, bitDepth, colourType, interlace) is not { } expected)
            return SKCodecResult.InvalidInput;

        // The IDAT payloads, joined: the compressed data (at most the upload's size), never the pixels.
        using var idat = new MemoryStream();
        var offset = 8;
        var ended = false;
        while (offset + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset));
            var type = png.AsSpan(offset + 4, 4);
            if (length > int.MaxValue || offset + 12 + (long)length > png.Length)
                return SKCodecResult.IncompleteInput;
            if (type.SequenceEqual("IDAT"u8))
                idat.Write(png, offset + 8, (int)length);
            offset += 12 + (int)length;
            if (type.SequenceEqual("IEND"u8))
            {
                ended = true;
                break;
            }
        }
        if (idat.Length == 0)
            return ended ? SKCodecResult.InvalidInput : SKCodecResult.IncompleteInput;

        long inflated = 0;
        try
        {
            idat.Position = 0;
            using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = zlib.Read(buffer)) > 0)
            {
                inflated += read;
                if (inflated > expected)
                    return SKCodecResult.InvalidInput;
            }
        }
        catch (InvalidDataException)
        {
            return ended ? SKCodecResult.InvalidInput : SKCodecResult.IncompleteInput;
        }
        if (inflated < expected)
            return SKCodecResult.IncompleteInput;
        return ended ? SKCodecResult.Success : SKCodecResult.IncompleteInput;
    }

    /// <summary>Filtered scanlines (one filter byte each) over the whole image, or over the seven Adam7 passes.</summary>
    static long? ExpectedInflatedLength(uint width, uint height, byte bitDepth, byte colourType, byte interlace)
    {
        int? channels = colourType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => null };
        if (channels is null || width == 0 || height == 0 || interlace > 1 || bitDepth is not (1 or 2 or 4 or 8 or 16))
            return null;
        long Rows(long w, long h) => w == 0 || h == 0 ? 0 : h * (1 + (w * channels.Value * bitDepth + 7) / 8);
        if (interlace == 0)
            return Rows(width, height);
        (int X, int Y, int Dx, int Dy)[] passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];
        return passes.Sum(p => Rows((width - p.X + p.Dx - 1) / p.Dx, (height - p.Y + p.Dy - 1) / p.Dy));
    }
}
