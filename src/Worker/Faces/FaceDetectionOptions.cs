using System.ComponentModel.DataAnnotations;

namespace RenderFarm.Worker.Faces;

/// <summary>The UltraFace detector used to frame portraits. Section "FaceDetection".</summary>
public sealed class FaceDetectionOptions
{
    public const string Section = "FaceDetection";

    /// <summary>Model file, searched for in Painters:ModelDirectories. Empty turns face detection off.</summary>
    public string File { get; set; } = "ultraface-rfb-320.onnx";

    /// <summary>Pinned SHA-256 of the file (Linzaer/Ultra-Light-Fast-Generic-Face-Detector-1MB version-RFB-320).</summary>
    public string Sha256 { get; set; } = "34cd7e60aeff28744c657de7a3dc64e872d506741de66987f3426f2b79f88017";

    /// <summary>Minimum face score kept (upstream default 0.7).</summary>
    [Range(0.0, 1.0)]
    public float ScoreThreshold { get; set; } = 0.7f;

    /// <summary>Greedy NMS overlap above which the weaker box is dropped (upstream 0.3).</summary>
    [Range(0.0, 1.0)]
    public float NmsIou { get; set; } = 0.3f;
}
