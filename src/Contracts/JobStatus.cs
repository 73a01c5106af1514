namespace RenderFarm.Contracts;

/// <summary>The states of a job: queued → processing → succeeded | failed | canceled | expired.</summary>
public static class JobStatus
{
    public const string Queued = "queued";
    public const string Processing = "processing";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Canceled = "canceled";
    public const string Expired = "expired";

    public static bool IsTerminal(string? status) =>
        status is Succeeded or Failed or Canceled or Expired;
}
