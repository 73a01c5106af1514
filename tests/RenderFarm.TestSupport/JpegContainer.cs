using System.Buffers.Binary;

namespace RenderFarm.TestSupport;

/// <summary>
/// Reads a JPEG file's marker segments up to the image data, independently of any encoder, so tests can see exactly
/// what a gallery object carries. Metadata lives in APP1 (EXIF, XMP), APP2 (ICC), APP13 (IPTC) and COM segments.
/// </summary>
/// <param name="Markers"></param>
/// <param name="AppIdentifiers"></param>
/// <param name="HeaderLength">Bytes before the entropy-coded image data (every marker segment through SOS's): where any
/// text a file carries must be. The image data after it is compressed pixels, in which any three letters turn up by chance
/// (a 60 KiB painting holds a given case-insensitive three-letter word with a few per cent probability).</param>
public sealed record JpegContainer(IReadOnlyList<byte> Markers, IReadOnlyList<string> AppIdentifiers, int HeaderLength)
{
    const byte App0 = 0xE0, App15 = 0xEF, Comment = 0xFE, StartOfScan = 0xDA;

    public static JpegContainer Parse(byte[] bytes)
    {
        if (bytes.Length < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8)
            throw new InvalidDataException("Not a JPEG file (no SOI marker).");
        if (bytes[^2] != 0xFF || bytes[^1] != 0xD9)
            throw new InvalidDataException("The JPEG file does not end with EOI.");
        var (markers, identifiers) = (new List<byte>(), new List<string>());
        var offset = 2;
        while (offset + 4 <= bytes.Length)
        {
            if (bytes[offset] != 0xFF) throw new InvalidDataException($"No marker at byte {offset}.");
            var marker = bytes[offset + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(offset + 2));
            markers.Add(marker);
            if (marker is >= App0 and <= App15)
            {
                var payload = bytes.AsSpan(offset + 4, Math.Max(0, length - 2));
                var end = payload.IndexOf((byte)0);
                identifiers.Add(System.Text.Encoding.ASCII.GetString(end >= 0 ? payload[..end] : payload));
            }
            offset += 2 + length;
            if (marker == StartOfScan) break; // entropy-coded data follows; nothing after it but EOI in a baseline file
        }
        return new JpegContainer(markers, identifiers, Math.Min(offset, bytes.Length));
    }

    /// <summary>Segments that carry anything besides pixels: every APPn but JFIF's APP0, and comments.</summary>
    public IEnumerable<string> MetadataFound()
    {
        var app = 0;
        foreach (var marker in Markers)
        {
            if (marker is >= App0 and <= App15)
            {
                var identifier = AppIdentifiers[app++];
                if (!(marker == App0 && identifier == "JFIF"))
                    yield return $"APP{marker - App0} {identifier}";
            }
            else if (marker == Comment)
                yield return "COM";
        }
    }
}
