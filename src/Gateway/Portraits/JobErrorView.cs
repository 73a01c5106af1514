namespace RenderFarm.Gateway.Portraits;

public sealed record JobErrorView(string Code, string Message);
