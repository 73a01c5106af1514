namespace RenderFarm.Farm.Painters;

/// <summary>
/// The arbitrary style-transfer network that paints every artwork painter (MicroAST, split in two): an encoder turns
/// an artwork into a small style code once per worker, the stylizer paints a portrait from that code.
/// </summary>
public sealed record StylizerFiles
{
    public required ModelFile Encoder { get; init; }
    public required ModelFile Stylizer { get; init; }
    /// <summary>The artwork is resized to this short side (bicubic) before encoding, as the network was checked.</summary>
    public int StyleShortSide { get; init; } = 512;
    public string Provenance { get; init; } = "";
    public string License { get; init; } = "";
}
