using System.Text.Json.Nodes;

namespace RenderFarm.Deploy.Tests;

/// <summary>
/// No phoning home: in both rendered overlays every farm pod is under a default-deny egress policy, and the only
/// egress allowed to it is DNS to the cluster DNS, OTLP to the monitoring namespace and its backing services' ports —
/// never a rule open to any destination or any port.
/// </summary>
public sealed class NetworkPolicyEgressTests
{
    static readonly string[] FarmPods = ["gateway", "gallery", "worker"];

    public static TheoryData<string> Overlays => new() { "dev", "prod" };

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Farm_pods_may_reach_only_dns_the_collector_and_their_backing_services(string overlay)
    {
        var objects = overlay == "dev" ? await ManifestValidator.RenderDevAsync() : await ManifestValidator.RenderProdAsync();
        var policies = objects.OfType<JsonObject>().Where(o => (string?)o["kind"] == "NetworkPolicy").ToList();

        Assert.Contains(policies, p => IsEmptySelector(p["spec"]!["podSelector"]) && Types(p).Contains("Egress") && p["spec"]!["egress"] is null);
        foreach (var pod in FarmPods)
        {
            var labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = pod, ["app.kubernetes.io/part-of"] = "renderfarm" };
            var rules = policies.Where(p => Types(p).Contains("Egress") && Selects(p["spec"]!["podSelector"]!, labels))
                .SelectMany(p => p["spec"]!["egress"]?.AsArray() ?? []).OfType<JsonObject>().ToList();
            Assert.NotEmpty(rules);
            foreach (var rule in rules)
            {
                // A rule without "to" allows every destination, without "ports" every port.
                Assert.True(rule["to"] is JsonArray { Count: > 0 }, $"{overlay}/{pod}: egress rule open to any destination: {rule}");
                Assert.True(rule["ports"] is JsonArray { Count: > 0 }, $"{overlay}/{pod}: egress rule open to any port: {rule}");
                Assert.DoesNotContain(rule["to"]!.AsArray(), t => (string?)t?["ipBlock"]?["cidr"] is "0.0.0.0/0" or "::/0");
            }
            var ports = rules.SelectMany(r => r["ports"]!.AsArray()).Select(p => p!["port"]!.ToString()).ToHashSet();
            Assert.Subset(AllowedPorts, ports);
            Assert.Contains("53", ports);
            Assert.Contains("4317", ports);
        }
    }

    // DNS, OTLP (gRPC, HTTP), and the backing services: AMQP(S), Redis (TLS), HTTPS blob storage, by port or by name.
    static readonly HashSet<string> AllowedPorts = ["53", "4317", "4318", "5671", "6380", "443", "amqp", "redis", "blob"];

    static HashSet<string> Types(JsonObject policy) =>
        [.. (policy["spec"]!["policyTypes"]?.AsArray() ?? []).Select(t => t!.GetValue<string>())];

    static bool IsEmptySelector(JsonNode? selector) => selector is JsonObject { Count: 0 };

    static bool Selects(JsonNode selector, IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (key, value) in selector["matchLabels"]?.AsObject() ?? [])
            if (!labels.TryGetValue(key, out var actual) || actual != value!.GetValue<string>()) return false;
        foreach (var expression in selector["matchExpressions"]?.AsArray() ?? [])
        {
            var key = expression!["key"]!.GetValue<string>();
            var values = expression["values"]?.AsArray().Select(v => v!.GetValue<string>()).ToList() ?? [];
            var has = labels.TryGetValue(key, out var actual);
            var ok = expression["operator"]!.GetValue<string>() switch
            {
                "In" => has && values.Contains(actual!),
                "NotIn" => !has || !values.Contains(actual!),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok) return false;
        }
        return true;
    }
}
