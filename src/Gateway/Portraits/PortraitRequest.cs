using RenderFarm.Gateway.Uploads;

namespace RenderFarm.Gateway.Portraits;

/// <summary>An upload the form reader accepted: the checked photo and what its uploader asked for.</summary>
public sealed record PortraitRequest(InspectedImage Image, string Style, bool Listed, Uri? Webhook = null);
