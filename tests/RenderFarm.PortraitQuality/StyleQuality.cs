namespace RenderFarm.PortraitQuality;

/// <summary>How one style did over every sitter.</summary>
public sealed record StyleQuality(string Style, string Medium, string Attribution, IReadOnlyList<FaceResult> Faces)
{
    public int FacesFound => Faces.Count(f => f.FaceFound);
    public double FoundShare => (double)FacesFound / Faces.Count;
    public double MedianLikeness => Median(Faces.Select(f => f.Likeness));
    public double WorstLikeness => Faces.Min(f => f.Likeness);
    public double WorstLightnessShift => Faces.Max(f => Math.Abs(f.LightnessShift));
    public double MeanCentreOffset => Faces.Where(f => f.FaceFound).Select(f => f.CentreOffset).DefaultIfEmpty(double.NaN).Average();
    public double MeanSsim => Faces.Average(f => f.Ssim);
    public double MeanStageMs(string stage) => Faces.Average(f => f.StageMs.GetValueOrDefault(stage));

    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
