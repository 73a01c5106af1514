namespace RenderFarm.EndToEnd.Tests;

/// <summary>Farms paint on the same two cores: run them one after another so timings and timeouts stay honest.</summary>
[CollectionDefinition(Name)]
public sealed class FarmCollection
{
    public const string Name = "farm";
}
