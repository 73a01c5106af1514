using System.Text.RegularExpressions;
using System.Xml.Linq;
using RenderFarm.ServiceDefaults;
using RenderFarm.TestSupport;

namespace RenderFarm.Deploy.Tests;

/// <summary>One release number: Directory.Build.props, the assemblies, the prod overlay's image tags and the changelog agree.</summary>
public sealed partial class VersionTests
{
    static string ProjectVersion() =>
        XDocument.Load(Path.Combine(SharedData.RepoRoot, "Directory.Build.props")).Descendants("Version").Single().Value;

    [GeneratedRegex(@"name: renderfarm/(?<image>\w+)\s+newName: \S+\s+newTag: ""(?<tag>[^""]+)""")]
    private static partial Regex ImageTag();

    [Fact]
    public void Assemblies_prod_image_tags_and_the_changelog_carry_the_projects_version()
    {
        var version = ProjectVersion();
        Assert.Matches(@"^\d+\.\d+\.\d+$", version);

        Assert.Equal(version, FarmVersion.Current);
        var tags = ImageTag().Matches(File.ReadAllText(Path.Combine(SharedData.RepoRoot, "deploy/k8s/overlays/prod/kustomization.yaml")));
        Assert.Equal(["gallery", "gateway", "worker"], tags.Select(t => t.Groups["image"].Value).Order());
        Assert.All(tags, t => Assert.Equal(version, t.Groups["tag"].Value));
        Assert.Contains($"## [{version}]", File.ReadAllText(Path.Combine(SharedData.RepoRoot, "CHANGELOG.md")));
        Assert.Contains("Apache License", File.ReadAllText(Path.Combine(SharedData.RepoRoot, "LICENSE")));
    }
}
