namespace RenderFarm.Deploy.Tests;

/// <summary>The committed overlays render and pass every check.</summary>
public class OverlayValidationTests
{
    [Fact]
    public async Task Dev_overlay_renders_and_validates()
    {
        var run = await ManifestValidator.RunAsync(ManifestValidator.DevOverlay);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("dev: OK", run.Output);
        Assert.DoesNotContain("FAIL", run.Output);
    }

    [Fact]
    public async Task Prod_overlay_renders_and_validates()
    {
        var run = await ManifestValidator.RunAsync(ManifestValidator.ProdOverlay);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("prod: OK", run.Output);
        Assert.DoesNotContain("FAIL", run.Output);
        // The Secrets are placeholders that a pipeline must fill: said, not failed.
        Assert.Contains("placeholder values (REPLACE_ME)", run.Output);
    }

    [Fact]
    public async Task Without_arguments_both_overlays_are_validated()
    {
        var run = await ManifestValidator.RunAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("dev: OK", run.Output);
        Assert.Contains("prod: OK", run.Output);
        Assert.Contains("all 2 target(s) valid", run.Output);
    }

    [Fact]
    public async Task Both_overlays_are_rendered_by_kubectl_kustomize_and_checked_by_every_farm_rule()
    {
        var run = await ManifestValidator.RunAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(2, CountOf(run.Output, "rendered with kubectl"));
        Assert.Equal(2, CountOf(run.Output, "renderfarm rules 6"));
    }

    static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
