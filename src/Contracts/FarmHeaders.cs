namespace RenderFarm.Contracts;

/// <summary>HTTP headers of the farm's public API.</summary>
public static class FarmHeaders
{
    /// <summary>The uploader's secret: cancels a job (Gateway) and takes its painting down (Gallery).</summary>
    public const string DeleteToken = "X-Delete-Token";
}
