namespace RenderFarm.Farm.Jobs;

/// <summary>Outcome of a check-and-set on a job's status.</summary>
/// <param name="PreviousStatus">The status found ("" when the record does not exist).</param>
/// <param name="Applied">Whether the new status was written.</param>
public readonly record struct TransitionResult(string PreviousStatus, bool Applied)
{
    public bool RecordMissing => PreviousStatus.Length == 0;
}
