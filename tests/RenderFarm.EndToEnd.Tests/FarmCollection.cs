namespace RenderFarm.EndToEnd.Tests;

/// <summary>
/// Tests that start a farm of their own: those that stop, freeze or kill a service, need settings or painters of
/// their own, or need a farm without a worker (a job that stays queued). Farms paint on the same two cores, so no two
/// collections of this assembly run at once (AssemblyInfo.cs) and timings and timeouts stay honest.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FarmCollection
{
    public const string Name = "farm";
}
