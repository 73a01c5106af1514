using Google.Protobuf;

namespace RenderFarm.Worker.Forge;

/// <summary>
/// Writes protobuf fields with <see cref="CodedOutputStream"/>. Nested messages are serialised into their own buffer
/// first because a length-delimited field needs its length up front; models here are small, so the copy is free.
/// Fields are written in the order the caller writes them, which keeps the bytes deterministic.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001",
    Justification = "Its streams are in memory: they hold nothing that needs disposing, and fluent writers would only get harder to read.")]
public sealed class ProtoWriter
{
    readonly MemoryStream buffer = new();
    readonly CodedOutputStream output;

    public ProtoWriter() => output = new CodedOutputStream(buffer, leaveOpen: true);

    public ProtoWriter Int64(int field, long value)
    {
        output.WriteTag(field, WireFormat.WireType.Varint);
        output.WriteInt64(value);
        return this;
    }

    public ProtoWriter Int32(int field, int value)
    {
        output.WriteTag(field, WireFormat.WireType.Varint);
        output.WriteInt32(value);
        return this;
    }

    public ProtoWriter String(int field, string value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteString(value);
        return this;
    }

    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(value));
        return this;
    }

    /// <summary>A repeated int64 as one packed field (proto3's default encoding for repeated scalars).</summary>
    public ProtoWriter PackedInt64s(int field, IReadOnlyList<long> values)
    {
        var packed = new ProtoWriter();
        foreach (var value in values)
            packed.output.WriteInt64(value);
        return Bytes(field, packed.ToArray());
    }

    public ProtoWriter Message(int field, Action<ProtoWriter> writeBody)
    {
        var nested = new ProtoWriter();
        writeBody(nested);
        return Bytes(field, nested.ToArray());
    }

    /// <summary>Bytes that already are whole fields (<see cref="ProtoReader.Whole"/>), copied as they are.</summary>
    public ProtoWriter Raw(ReadOnlySpan<byte> fields)
    {
        output.Flush();
        buffer.Write(fields);
        return this;
    }

    public byte[] ToArray()
    {
        output.Flush();
        return buffer.ToArray();
    }
}
