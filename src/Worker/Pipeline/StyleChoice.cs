namespace RenderFarm.Worker.Pipeline;

/// <summary>The painter a job gets and a sentence a person can read saying why.</summary>
public sealed record StyleChoice(string Style, string Reason);
