namespace RenderFarm.ServiceDefaults;

/// <summary>Where painters come from. Section "Painters".</summary>
public sealed class PainterOptions
{
    public const string Section = "Painters";

    /// <summary>Path of the manifest listing every painter.</summary>
    public string Manifest { get; set; } = "models/manifest.json";

    /// <summary>Directories searched, in order, for each painter's file. A painter whose file is in none is unavailable.</summary>
    public List<string> ModelDirectories { get; set; } = ["models"];

    /// <summary>Painter used by style=auto when no rule picks another (and by the farm before style choice exists).</summary>
    public string DefaultStyle { get; set; } = "udnie";
}
