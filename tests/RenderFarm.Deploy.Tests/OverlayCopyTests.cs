namespace RenderFarm.Deploy.Tests;

/// <summary>
/// A copy of deploy/k8s (base and overlays) with one source file broken, rendered and validated like the real
/// overlays: mistakes in the sources are caught.
/// </summary>
public sealed class OverlayCopyTests : IDisposable
{
    readonly string root = Path.Combine(Path.GetTempPath(), $"renderfarm-k8s-{Guid.NewGuid():N}");

    public OverlayCopyTests()
    {
        foreach (var dir in new[] { "base", "overlays", "monitoring" })
            CopyTree(Path.Combine(ManifestValidator.K8sRoot, dir), Path.Combine(root, dir));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    string DevOverlay => Path.Combine(root, "overlays", "dev");

    void Edit(string relativePath, string oldText, string newText)
    {
        var file = Path.Combine(root, relativePath);
        var text = File.ReadAllText(file);
        var at = text.IndexOf(oldText, StringComparison.Ordinal);
        Assert.True(at >= 0 && text.IndexOf(oldText, at + 1, StringComparison.Ordinal) < 0,
            $"\"{oldText}\" must occur exactly once in {relativePath}");
        File.WriteAllText(file, text.Replace(oldText, newText));
    }

    [Fact]
    public async Task Unchanged_copy_validates()
    {
        var run = await ManifestValidator.RunAsync(DevOverlay);

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task ScaledObject_pointing_at_a_missing_deployment_fails_the_overlay()
    {
        Edit(Path.Combine("base", "worker-autoscaling.yaml"), "    kind: Deployment\n    name: worker\n", "    kind: Deployment\n    name: painter\n");

        var run = await ManifestValidator.RunAsync(DevOverlay);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("ScaledObject renderfarm-dev/worker: scaleTargetRef Deployment/painter does not exist", run.Output);
    }

    [Fact]
    public async Task Service_selecting_no_pods_fails_the_overlay()
    {
        Edit(Path.Combine("overlays", "dev", "redis.yaml"),
            "spec:\n  selector:\n    app.kubernetes.io/name: redis\n",
            "spec:\n  selector:\n    app.kubernetes.io/name: redis-server\n");

        var run = await ManifestValidator.RunAsync(DevOverlay);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("Service renderfarm-dev/redis: selector {app.kubernetes.io/name=redis-server", run.Output);
    }

    [Fact]
    public async Task Value_of_the_wrong_type_in_a_patch_fails_the_overlay()
    {
        Edit(Path.Combine("overlays", "dev", "patches", "gateway-hpa.yaml"), "maxReplicas: 2", "maxReplicas: two");

        var run = await ManifestValidator.RunAsync(DevOverlay);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("HorizontalPodAutoscaler renderfarm-dev/gateway: schema: /spec/maxReplicas must be integer", run.Output);
    }

    [Fact]
    public async Task Unquoted_yaml_1_1_boolean_is_reported()
    {
        Edit(Path.Combine("base", "ingress.yaml"), "proxy-request-buffering: \"on\"", "proxy-request-buffering: on");

        var run = await ManifestValidator.RunAsync(DevOverlay);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("unquoted \"on\" is a boolean in YAML 1.1", run.Output);
    }

    [Fact]
    public async Task A_farm_pod_whose_egress_is_not_denied_by_default_fails_the_named_rule()
    {
        Edit(Path.Combine("base", "network-policies.yaml"), "    - Egress\n---\n# Name resolution", "    - Ingress\n---\n# Name resolution");

        var run = await ManifestValidator.RunAsync(DevOverlay);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("Deployment renderfarm-dev/worker: [egress-denied-by-default] no NetworkPolicy denies its egress by default", run.Output);
    }

    [Fact]
    public async Task A_grace_period_shorter_than_the_drain_fails_the_named_rule()
    {
        Edit(Path.Combine("base", "worker.yaml"), "terminationGracePeriodSeconds: 120", "terminationGracePeriodSeconds: 5");

        var run = await ManifestValidator.RunAsync(DevOverlay);

        Assert.Contains("[drain-before-kill] terminationGracePeriodSeconds 5 must exceed Drain__Timeout", run.Output);
    }

    static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from))
            CopyTree(dir, Path.Combine(to, Path.GetFileName(dir)));
    }
}
