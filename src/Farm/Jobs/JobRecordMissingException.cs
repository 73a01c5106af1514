namespace RenderFarm.Farm.Jobs;

/// <summary>The job's record is gone (expired or never written): the job cannot go on.</summary>
public sealed class JobRecordMissingException(Guid jobId)
    : Exception($"Job record {jobId:N} does not exist.")
{
    public Guid JobId { get; } = jobId;
}
