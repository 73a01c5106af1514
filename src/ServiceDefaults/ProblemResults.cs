namespace RenderFarm.ServiceDefaults;

/// <summary>application/problem+json answers that always carry a machine-readable "code".</summary>
public static class ProblemResults
{
    public static CodedProblem Problem(int status, string code, string message, TimeSpan? retryAfter = null) =>
        new(status, code, message, retryAfter);
}
