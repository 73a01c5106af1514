namespace RenderFarm.Worker.Painting;

/// <summary>A painter's model does not keep the contract its manifest entry promises.</summary>
public sealed class PainterContractException(string painter, string problem)
    : Exception($"Painter {painter} broke its contract: {problem}.");
