namespace RenderFarm.Contracts;

public static class StyleNames
{
    /// <summary>Let the worker choose the painter from the photo.</summary>
    public const string Auto = "auto";
}
