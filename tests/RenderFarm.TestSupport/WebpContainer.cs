using System.Buffers.Binary;
using System.Text;

namespace RenderFarm.TestSupport;

/// <summary>
/// Reads a WebP file's RIFF chunks, independently of any encoder, so tests can see exactly what a gallery object
/// carries. Metadata lives in EXIF, XMP and ICCP chunks, announced by flags in VP8X.
/// </summary>
public sealed record WebpContainer(IReadOnlyList<string> Chunks, byte Vp8xFlags)
{
    const byte IccFlag = 0x20, ExifFlag = 0x08, XmpFlag = 0x04;

    public static WebpContainer Parse(byte[] bytes)
    {
        if (bytes.Length < 12 || Encoding.ASCII.GetString(bytes, 0, 4) != "RIFF" || Encoding.ASCII.GetString(bytes, 8, 4) != "WEBP")
            throw new InvalidDataException("Not a RIFF/WEBP file.");
        var riffSize = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        if (riffSize + 8 != bytes.Length)
            throw new InvalidDataException($"RIFF size {riffSize + 8} does not match the file's {bytes.Length} bytes.");
        var chunks = new List<string>();
        byte flags = 0;
        for (var offset = 12; offset < bytes.Length;)
        {
            if (offset + 8 > bytes.Length) throw new InvalidDataException("Truncated chunk header.");
            var fourCc = Encoding.ASCII.GetString(bytes, offset, 4);
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4));
            if (fourCc == "VP8X") flags = bytes[offset + 8];
            chunks.Add(fourCc);
            offset += 8 + size + (size & 1);
        }
        return new WebpContainer(chunks, flags);
    }

    /// <summary>Chunks or flags that carry anything besides pixels.</summary>
    public IEnumerable<string> MetadataFound()
    {
        foreach (var chunk in Chunks.Where(c => c is "EXIF" or "XMP " or "ICCP" or "IPTC"))
            yield return $"chunk {chunk.Trim()}";
        foreach (var chunk in Chunks.Where(c => c is not ("VP8 " or "VP8L" or "VP8X" or "ALPH" or "EXIF" or "XMP " or "ICCP" or "IPTC")))
            yield return $"unexpected chunk {chunk.Trim()}";
        if ((Vp8xFlags & IccFlag) != 0) yield return "VP8X ICC flag";
        if ((Vp8xFlags & ExifFlag) != 0) yield return "VP8X EXIF flag";
        if ((Vp8xFlags & XmpFlag) != 0) yield return "VP8X XMP flag";
    }
}
