namespace RenderFarm.Worker.Pipeline;

/// <summary>The painter a job gets, its medium, and a sentence a person can read saying why.</summary>
public sealed record StyleChoice(string Style, string Medium, string Reason);
