namespace RenderFarm.Worker.Forge;

/// <summary>Where one field of a protobuf message lies (<see cref="ProtoReader"/>): offsets into the message.</summary>
/// <param name="Number">The field's number in its message type.</param>
/// <param name="WireType">0 varint, 1 fixed 64-bit, 2 length-delimited, 5 fixed 32-bit.</param>
/// <param name="Start">The tag's first byte.</param>
/// <param name="Length">Tag, length and value together.</param>
/// <param name="ValueStart">The value's first byte (after a length-delimited field's length).</param>
/// <param name="ValueLength">The value's bytes.</param>
public readonly record struct ProtoField(int Number, int WireType, int Start, int Length, int ValueStart, int ValueLength);
