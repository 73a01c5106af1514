namespace RenderFarm.Farm.Jobs;

/// <summary>
/// A worker's claim on a job: the status it found and, when the claim held, the record as it now is (processing,
/// gallery id reserved, requested style, listed flag and delete-token hash from the uploader's request).
/// </summary>
public sealed record JobClaim(string PreviousStatus, JobRecord? Job)
{
    public bool Claimed => Job is not null;
    public bool RecordMissing => PreviousStatus.Length == 0;
}
