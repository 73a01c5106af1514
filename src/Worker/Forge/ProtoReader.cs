namespace RenderFarm.Worker.Forge;

/// <summary>
/// Walks one protobuf message's fields without a schema: each field's number, wire type, its whole bytes (tag
/// included, to copy it unchanged) and, for a length-delimited field, its value's bytes (a nested message, a string).
/// Just enough to rewrite a few fields of an ONNX file and pass every other byte through as it was.
/// </summary>
public ref struct ProtoReader(ReadOnlySpan<byte> message)
{
    readonly ReadOnlySpan<byte> message = message;
    int position;

    /// <summary>The field under the reader after <see cref="MoveNext"/> returned true.</summary>
    public ProtoField Current { get; private set; }

    public bool MoveNext()
    {
        if (position >= message.Length) return false;
        var start = position;
        var key = ReadVarint();
        var (number, wire) = ((int)(key >> 3), (int)(key & 7));
        var (valueStart, valueLength) = wire switch
        {
            0 => (position, VarintLength()),
            1 => (position, 8),
            2 => LengthDelimited(),
            5 => (position, 4),
            _ => throw new InvalidDataException($"Protobuf wire type {wire} (field {number}) is not supported."),
        };
        position = valueStart + valueLength;
        if (position > message.Length)
            throw new InvalidDataException($"Protobuf field {number} runs past the end of its message.");
        Current = new ProtoField(number, wire, start, position - start, valueStart, valueLength);
        return true;
    }

    /// <summary>The field's bytes, tag included.</summary>
    public readonly ReadOnlySpan<byte> Whole(ProtoField field) => message.Slice(field.Start, field.Length);

    /// <summary>A length-delimited field's value (a nested message, a string, packed scalars).</summary>
    public readonly ReadOnlySpan<byte> Value(ProtoField field) => message.Slice(field.ValueStart, field.ValueLength);

    /// <summary>A varint field's value.</summary>
    public readonly ulong Varint(ProtoField field)
    {
        var reader = new ProtoReader(message) { position = field.ValueStart };
        return reader.ReadVarint();
    }

    (int, int) LengthDelimited()
    {
        var length = ReadVarint();
        if (length > int.MaxValue) throw new InvalidDataException("Protobuf field longer than 2 GiB.");
        return (position, (int)length);
    }

    int VarintLength()
    {
        var start = position;
        ReadVarint();
        var length = position - start;
        position = start;
        return length;
    }

    ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= message.Length) throw new InvalidDataException("Protobuf varint runs past the end of its message.");
            var b = message[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return result;
        }
        throw new InvalidDataException("Protobuf varint longer than ten bytes.");
    }
}
