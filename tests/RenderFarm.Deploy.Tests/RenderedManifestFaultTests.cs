using System.Text.Json.Nodes;

namespace RenderFarm.Deploy.Tests;

/// <summary>
/// The dev overlay, rendered, then deliberately broken one way per test and validated as a file (--file): each
/// breakage is reported with a message that names the object and the problem, and the run fails.
/// </summary>
public class RenderedManifestFaultTests
{
    static async Task<ValidatorRun> ValidateBrokenAsync(Action<JsonArray> breakIt)
    {
        var objects = await ManifestValidator.RenderDevAsync();
        breakIt(objects);
        return await ManifestValidator.ValidateFileAsync(objects);
    }

    static void AssertFails(ValidatorRun run, params string[] messages)
    {
        Assert.True(run.ExitCode == 1, run.ToString());
        foreach (var message in messages)
            Assert.True(run.Output.Contains(message), $"expected \"{message}\" in:\n{run}");
    }

    static JsonObject GatewayContainer(JsonArray objects) =>
        objects.Find("Deployment", "gateway")["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject();

    [Fact]
    public async Task Unbroken_render_passes_as_a_file()
    {
        var run = await ValidateBrokenAsync(_ => { });

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task Service_selecting_no_pods_is_reported()
    {
        var run = await ValidateBrokenAsync(o =>
            o.Find("Service", "gallery")["spec"]!["selector"]!["app.kubernetes.io/name"] = "galery");

        AssertFails(run, "Service renderfarm-dev/gallery: selector {app.kubernetes.io/name=galery", "matches no pods");
    }

    [Fact]
    public async Task ScaledObject_pointing_at_a_missing_deployment_is_reported()
    {
        var run = await ValidateBrokenAsync(o =>
            o.Find("ScaledObject", "worker")["spec"]!["scaleTargetRef"]!["name"] = "painter");

        AssertFails(run, "ScaledObject renderfarm-dev/worker: scaleTargetRef Deployment/painter does not exist");
    }

    [Fact]
    public async Task Field_of_the_wrong_type_is_reported()
    {
        var run = await ValidateBrokenAsync(o => GatewayContainer(o)["ports"]![0]!["containerPort"] = "8080");

        AssertFails(run, "Deployment renderfarm-dev/gateway: schema: /spec/template/spec/containers/0/ports/0/containerPort must be integer");
    }

    [Fact]
    public async Task Misspelt_field_is_reported_as_unknown()
    {
        var run = await ValidateBrokenAsync(o =>
        {
            var container = GatewayContainer(o);
            var probe = container["readinessProbe"]!.DeepClone();
            container.Remove("readinessProbe");
            container["readinessprobe"] = probe;
        });

        AssertFails(run, "Deployment renderfarm-dev/gateway: schema: /spec/template/spec/containers/0/readinessprobe is not a known field");
    }

    [Fact]
    public async Task Missing_secret_key_behind_the_keda_authentication_is_reported()
    {
        var run = await ValidateBrokenAsync(o =>
        {
            var data = o.Find("Secret", "rabbitmq-management")["stringData"]!.AsObject();
            data["url"] = data["host"]!.DeepClone();
            data.Remove("host");
        });

        AssertFails(run, "TriggerAuthentication renderfarm-dev/rabbitmq-management: secretTargetRef \"host\" refers to key \"host\" of Secret \"rabbitmq-management\", which has no such key");
    }

    [Fact]
    public async Task Missing_trigger_authentication_is_reported()
    {
        var run = await ValidateBrokenAsync(o => o.Remove(o.Find("TriggerAuthentication", "rabbitmq-management")));

        AssertFails(run, "ScaledObject renderfarm-dev/worker: trigger 0 (rabbitmq) authenticationRef TriggerAuthentication \"rabbitmq-management\" does not exist");
    }

    [Fact]
    public async Task Keda_1_unacked_setting_is_reported()
    {
        var run = await ValidateBrokenAsync(o =>
            o.Find("ScaledObject", "worker")["spec"]!["triggers"]![0]!["metadata"]!["includeUnacked"] = "true");

        AssertFails(run, "includeUnacked is a KEDA 1.x setting that KEDA 2 ignores");
    }

    [Fact]
    public async Task Trigger_watching_another_queue_than_the_workers_consume_is_reported()
    {
        var run = await ValidateBrokenAsync(o =>
            o.Find("ScaledObject", "worker")["spec"]!["triggers"]![0]!["metadata"]!["queueName"] = "paint");

        AssertFails(run, "watches queue \"paint\" but container \"worker\" of Deployment renderfarm-dev/worker consumes \"paint-portrait\"");
    }

    [Fact]
    public async Task Ingress_backend_on_a_missing_service_port_is_reported()
    {
        var run = await ValidateBrokenAsync(o =>
            o.Find("Ingress", "renderfarm")["spec"]!["rules"]![0]!["http"]!["paths"]![0]!["backend"]!["service"]!["port"]!["name"] = "web");

        AssertFails(run, "Ingress renderfarm-dev/renderfarm: backend */api/portraits refers to port \"web\" of Service \"gateway\", which has no such port");
    }

    [Fact]
    public async Task Service_target_port_that_no_pod_declares_is_reported()
    {
        var run = await ValidateBrokenAsync(o =>
            o.Find("Service", "redis")["spec"]!["ports"]![0]!["targetPort"] = 6380);

        AssertFails(run, "Service renderfarm-dev/redis: port redis targets 6380, which Deployment renderfarm-dev/redis does not declare as a containerPort");
    }

    [Fact]
    public async Task Autoscaler_targeting_a_missing_deployment_is_reported()
    {
        var run = await ValidateBrokenAsync(o =>
            o.Find("HorizontalPodAutoscaler", "gallery")["spec"]!["scaleTargetRef"]!["name"] = "galleries");

        AssertFails(run, "HorizontalPodAutoscaler renderfarm-dev/gallery: scaleTargetRef Deployment/galleries does not exist");
    }

    [Fact]
    public async Task Disruption_budget_and_network_policy_selecting_no_pods_are_reported()
    {
        var run = await ValidateBrokenAsync(o =>
        {
            o.Find("PodDisruptionBudget", "worker")["spec"]!["selector"]!["matchLabels"]!["app.kubernetes.io/name"] = "workers";
            o.Find("NetworkPolicy", "gateway-from-ingress-controller")["spec"]!["podSelector"]!["matchLabels"]!["app.kubernetes.io/name"] = "gw";
        });

        AssertFails(run,
            "PodDisruptionBudget renderfarm-dev/worker: selector {app.kubernetes.io/name=workers",
            "NetworkPolicy renderfarm-dev/gateway-from-ingress-controller: podSelector {app.kubernetes.io/name=gw");
    }

    [Fact]
    public async Task Probe_on_an_undeclared_port_is_reported()
    {
        var run = await ValidateBrokenAsync(o => GatewayContainer(o)["livenessProbe"]!["httpGet"]!["port"] = "health");

        AssertFails(run, "container \"gateway\" livenessProbe uses port \"health\", which the container does not declare");
    }

    [Fact]
    public async Task Health_probe_on_the_public_port_of_a_service_with_a_management_port_is_reported()
    {
        var run = await ValidateBrokenAsync(o => GatewayContainer(o)["readinessProbe"]!["httpGet"]!["port"] = "http");

        AssertFails(run, "container \"gateway\" readinessProbe uses port \"http\", but health answers only on the management port");
    }

    [Fact]
    public async Task Ingress_backend_reaching_a_management_port_is_reported()
    {
        var run = await ValidateBrokenAsync(o =>
        {
            var ports = o.Find("Service", "gateway")["spec"]!["ports"]!.AsArray();
            ports.Add(new JsonObject { ["name"] = "ops", ["port"] = 9090, ["targetPort"] = "management", ["protocol"] = "TCP" });
            o.Find("Ingress", "renderfarm")["spec"]!["rules"]![0]!["http"]!["paths"]![0]!["backend"]!["service"]!["port"]!["name"] = "ops";
        });

        AssertFails(run, "backend */api/portraits reaches the management port of Service \"gateway\"");
    }

    [Fact]
    public async Task Missing_config_map_and_secret_key_references_are_reported()
    {
        var run = await ValidateBrokenAsync(o =>
        {
            var container = GatewayContainer(o);
            container["envFrom"]![1]!["configMapRef"]!["name"] = "gateway-settings";
            container["env"]!.AsArray().Single(e => e!["name"]!.GetValue<string>() == "ConnectionStrings__rabbitmq")!["valueFrom"]!["secretKeyRef"]!["key"] = "amqp";
        });

        AssertFails(run,
            "container \"gateway\" envFrom refers to ConfigMap \"gateway-settings\", which does not exist",
            "env ConnectionStrings__rabbitmq refers to key \"amqp\" of Secret \"renderfarm-connections\", which has no such key");
    }

    [Fact]
    public async Task Writable_root_filesystem_and_root_user_are_reported()
    {
        var run = await ValidateBrokenAsync(o =>
        {
            GatewayContainer(o)["securityContext"]!["readOnlyRootFilesystem"] = false;
            o.Find("Deployment", "gateway")["spec"]!["template"]!["spec"]!["securityContext"]!["runAsNonRoot"] = false;
        });

        AssertFails(run,
            "container \"gateway\" must set readOnlyRootFilesystem: true",
            "container \"gateway\" must run with runAsNonRoot: true");
    }

    [Fact]
    public async Task Grace_period_not_longer_than_the_drain_is_reported()
    {
        var run = await ValidateBrokenAsync(o =>
            o.Find("Deployment", "worker")["spec"]!["template"]!["spec"]!["terminationGracePeriodSeconds"] = 60);

        AssertFails(run, "Deployment renderfarm-dev/worker: [drain-before-kill] terminationGracePeriodSeconds 60 must exceed Drain__Timeout (60 s) + 10 s");
    }

    [Fact]
    public async Task Model_checksum_that_disagrees_with_the_manifest_is_reported()
    {
        var run = await ValidateBrokenAsync(o =>
        {
            var data = o.Find("ConfigMap", "model-fetch")["data"]!.AsObject();
            data["SHA256SUMS"] = ((string)data["SHA256SUMS"]!).Replace("f4ca5a22", "00000000");
        });

        AssertFails(run, "ConfigMap renderfarm-dev/model-fetch: [model-checksums] SHA256SUMS pins microast-stylizer.onnx to 00000000");
    }

    [Fact]
    public async Task Unpinned_image_is_reported()
    {
        var run = await ValidateBrokenAsync(o => GatewayContainer(o)["image"] = "renderfarm/gateway:latest");

        AssertFails(run, "container \"gateway\" image \"renderfarm/gateway:latest\" is not pinned");
    }

    [Fact]
    public async Task Every_failure_is_listed_not_only_the_first()
    {
        var run = await ValidateBrokenAsync(o =>
        {
            o.Find("Service", "gallery")["spec"]!["selector"]!["app.kubernetes.io/name"] = "galery";
            o.Find("ScaledObject", "worker")["spec"]!["scaleTargetRef"]!["name"] = "painter";
            GatewayContainer(o)["ports"]![0]!["containerPort"] = "8080";
        });

        AssertFails(run, "Service renderfarm-dev/gallery", "ScaledObject renderfarm-dev/worker", "containerPort must be integer", ": 3 failure(s)");
    }
}
