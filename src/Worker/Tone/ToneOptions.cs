using System.ComponentModel.DataAnnotations;

namespace RenderFarm.Worker.Tone;

/// <summary>Where the tone step runs. Bound from section "Tone".</summary>
public sealed class ToneOptions
{
    public const string Section = "Tone";

    /// <summary>
    /// "auto": as a graph on the painter's device when the painters run on CUDA (the node's cores then stay free for
    /// the other stages), in C# on the stage threads otherwise, where it is faster than the graph on the CPU provider;
    /// "device": always the graph (on the CPU provider where there is no CUDA); "host": always the C#.
    /// </summary>
    [AllowedValues("auto", "device", "host")]
    public string Placement { get; set; } = "auto";
}
