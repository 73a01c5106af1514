namespace RenderFarm.Worker.Tone;

/// <summary>
/// A plane's blurred block sums on <see cref="LowPass"/>'s small grid, as <see cref="BroadLight.Grids"/> makes them:
/// the figure's side and the ground's where the sitter was cut out, or the whole plane's alone (<see cref="Ground"/> null).
/// </summary>
public sealed record SmallGrids(float[] Figure, float[]? Ground);
