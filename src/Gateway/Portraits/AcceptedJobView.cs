namespace RenderFarm.Gateway.Portraits;

/// <summary>The 202 body. The delete token is shown once and never stored in the clear.</summary>
public sealed record AcceptedJobView(Guid Id, string Status, string StatusUrl, string DeleteToken);
