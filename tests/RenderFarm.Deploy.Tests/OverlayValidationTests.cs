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
    public async Task Builtin_renderer_validates_both_overlays_without_kubectl()
    {
        var run = await ManifestValidator.RunAsync("--renderer", "builtin");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("rendered with the built-in renderer", run.Output);
        Assert.Contains("all 2 target(s) valid", run.Output);
    }

    [Fact]
    public async Task Builtin_renderer_agrees_with_kubectl_kustomize_where_kubectl_is_installed()
    {
        var run = await ManifestValidator.RunAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        if (run.Output.Contains("rendered with kubectl"))
            Assert.Equal(2, CountOf(run.Output, "the built-in renderer agrees"));
        else
            Assert.Equal(2, CountOf(run.Output, "rendered with the built-in renderer ("));
    }

    static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
