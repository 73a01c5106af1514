using System.Globalization;
using RenderFarm.PortraitQuality;
using Xunit.Abstractions;

namespace RenderFarm.Worker.Tests.Pipeline;

/// <summary>
/// The floors every shipped style must keep on the shared faces, painted through the whole studio (cut out, seated,
/// painted, tone kept, WebP): the sitter's face is still found, still looks like them, keeps its lightness, and the
/// portrait is not the photo. `./farm quality` prints the same measures as a table (docs/PAINTERS.md has a run).
/// </summary>
public class PortraitQualityTests(ITestOutputHelper output)
{
    // Targets from the issue, with the measured values beside them (2-core CPU, docs/PAINTERS.md):
    /// <summary>Faces found in paintings over all styles (measured: 108 of 108).</summary>
    const double MinFoundOverall = 0.95;
    /// <summary>Per style, at most one sitter lost (measured: none; the two tiny far-away faces of kodim12 are the hard case).</summary>
    const int MaxLostPerStyle = 1;
    /// <summary>Median likeness per style (measured 0.78–0.93).</summary>
    const double MinMedianLikeness = 0.75;
    /// <summary>Skin lightness shift of every face of every style, |ΔL*| (measured at most 1.9).</summary>
    const double MaxLightnessShift = 8;
    /// <summary>Mean grey SSIM against the framed photo: a painting, not the photo (measured 0.53–0.72), nor noise.</summary>
    const double MaxMeanSsim = 0.8, MinMeanSsim = 0.3;

    [Fact]
    public async Task Every_shipped_style_keeps_the_sitter_face_likeness_and_skin_lightness()
    {
        using var run = new QualityRun();
        var results = new List<StyleQuality>();
        foreach (var style in run.Styles)
        {
            var quality = await run.MeasureAsync(style);
            results.Add(quality);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{style.Name,-30} found {quality.FacesFound}/{quality.Faces.Count}  likeness median {quality.MedianLikeness:F2}  worst |ΔL*| {quality.WorstLightnessShift:F1}  SSIM {quality.MeanSsim:F2}"));
        }

        Assert.Contains(results, r => r.Medium == "oil");
        Assert.Contains(results, r => r.Medium == "ink");
        var found = results.Sum(r => r.FacesFound) / (double)results.Sum(r => r.Faces.Count);
        Assert.True(found >= MinFoundOverall, $"faces found in {found:P0} of all paintings");
        foreach (var r in results)
        {
            Assert.True(r.Faces.Count - r.FacesFound <= MaxLostPerStyle,
                $"{r.Style} lost the face of {string.Join(", ", r.Faces.Where(f => !f.FaceFound).Select(f => f.Sitter))}");
            Assert.True(r.MedianLikeness >= MinMedianLikeness, $"{r.Style}: median likeness {r.MedianLikeness:F2}");
            var worst = r.Faces.MaxBy(f => Math.Abs(f.LightnessShift))!;
            Assert.True(Math.Abs(worst.LightnessShift) <= MaxLightnessShift, $"{r.Style} shifted the skin of {worst.Sitter} by {worst.LightnessShift:F1} L*");
            Assert.InRange(r.MeanSsim, MinMeanSsim, MaxMeanSsim);
        }
    }
}
