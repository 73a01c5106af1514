using System.ComponentModel.DataAnnotations;

namespace RenderFarm.Farm.Jobs;

/// <summary>Lifetimes of what a job leaves behind. Section "Jobs".</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>How long a job record (status, timings, token hash) lives in Redis.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan RecordTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The longest a source photo may live, whatever happens to its job.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan UploadTtl { get; set; } = TimeSpan.FromMinutes(15);
}
