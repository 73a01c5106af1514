namespace RenderFarm.Worker.Forge;

/// <summary>
/// Turns a simplified colour picture into layered watercolor washes: its value falls in a few steps, as when a
/// painter glazes wash over dried wash, each step's border wandering with the pigment's turbulence. Within a step the
/// colour keeps part of its own shading. The steps' edges are hard but anti-aliased; where the turbulence is high they
/// melt over a wide band instead, like a wash laid into a still-wet one (wet-in-wet).
/// </summary>
public static class WashLayering
{
    /// <summary>Washes, and the stepped value they were laid at (for the rims), and the value that was stepped.</summary>
    public sealed record Washes(GraphValue Colour, GraphValue Steps, GraphValue Value);

    /// <param name="colour">[N,3,h,w] simplified colour in 0..1.</param>
    /// <param name="turbulence">[1,1,h,w] low-frequency noise in 0..1.</param>
    /// <param name="valueBlur">σ that smooths the value before stepping (0: none): smooth values give wash shapes that
    /// follow the light across a face instead of the camouflage of stepped detail.</param>
    /// <param name="levels">Number of steps between black and white.</param>
    /// <param name="flatness">How far each colour moves to its step's value (1: flat wash).</param>
    public static Washes Lay(GraphValue colour, GraphValue turbulence, double valueBlur, float levels, float flatness)
    {
        const float Dither = 0.5f, HardEdge = 0.05f, WetFrom = 0.55f, WetEdge = 0.4f;
        var value = colour.Luminance() + 0.02f;
        var smooth = valueBlur > 0 ? value.Blur(valueBlur, channels: 1) : value;
        var scaled = smooth * levels + (turbulence - 0.5f) * Dither;
        var floor = scaled.Floor();
        // Half-width of the step's ramp, in steps: hard (HardEdge) where the wash dried, wide where it met a wet one.
        var edge = HardEdge + ((turbulence - WetFrom) * (WetEdge / (1f - WetFrom))).Relu();
        var t = ((scaled - floor - 0.5f) / (edge * 2f) + 0.5f).Clip(0f, 1f);
        var steps = (floor + t * t * (3f - 2f * t)) / levels;
        return new Washes(colour * (1f + (steps / value - 1f) * flatness), steps, smooth);
    }
}
