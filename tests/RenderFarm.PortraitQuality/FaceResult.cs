namespace RenderFarm.PortraitQuality;

/// <summary>
/// One sitter painted in one style. <paramref name="CentreOffset"/>: distance from the photo's face centre to the face
/// found in the painting, as a share of the face width (NaN when none is found). <paramref name="LightnessShift"/>:
/// mean L* of the face, painting − photo. <paramref name="Ssim"/>: grey SSIM of the painting against the framed photo.
/// </summary>
public sealed record FaceResult(
    string Sitter, bool FaceFound, double CentreOffset, double Likeness, double LightnessShift, double Ssim,
    IReadOnlyDictionary<string, double> StageMs);
