using System.ComponentModel.DataAnnotations;

namespace RenderFarm.Gallery.Operations;

/// <summary>What the site's operators may do to the gallery. Section "Gallery".</summary>
public sealed class OperatorOptions
{
    public const string Section = "Gallery";

    /// <summary>
    /// Bearer key of the admin API (DELETE /api/admin/gallery/{id}), from a Secret; empty turns the admin API off
    /// (every call answers 401).
    /// </summary>
    public string AdminKey { get; set; } = "";

    /// <summary>Paintings older than this many days are removed; 0 (the default) keeps them until taken down.</summary>
    [Range(0, 36500)]
    public int RetentionDays { get; set; }

    /// <summary>How often the retention sweep runs.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(1);
}
