namespace RenderFarm.Gateway.Styles;

public sealed record StyleView(string Name, string Medium, string Description);
