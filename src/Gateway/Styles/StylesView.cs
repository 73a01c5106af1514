namespace RenderFarm.Gateway.Styles;

/// <summary>GET /api/styles: "auto" first, then every painter this deployment has, in the manifest's order.</summary>
public sealed record StylesView(IReadOnlyList<StyleView> Styles);
