namespace RenderFarm.ServiceDefaults;

/// <summary>One painter as models/manifest.json describes it: an ONNX file and its tensor contract.</summary>
public sealed record PainterDescriptor
{
    /// <summary>Style name used in the API ("oil", "udnie", ...).</summary>
    public required string Name { get; init; }
    /// <summary>"oil", "watercolor", "ink" or "neural".</summary>
    public required string Medium { get; init; }
    public string Description { get; init; } = "";
    public required string File { get; init; }
    /// <summary>Lower-case hex SHA-256 of the file; a painter whose file does not match is not loaded.</summary>
    public required string Sha256 { get; init; }
    public string InputName { get; init; } = "image";
    public string OutputName { get; init; } = "painted";
    /// <summary>Pixel values the model takes and gives: [0, 255] or [0, 1]; planar RGB NCHW.</summary>
    public float[] ValueRange { get; init; } = [0f, 255f];
    public int CanvasWidth { get; init; } = 512;
    public int CanvasHeight { get; init; } = 640;
    public string Provenance { get; init; } = "";
    public string License { get; init; } = "";
    /// <summary>Benchmark-only painters (medium "simulated"): the fixed time one batch takes. They have no file.</summary>
    public int SimulatedBatchMs { get; init; }
}
