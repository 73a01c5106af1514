using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RenderFarm.TestSupport;

namespace RenderFarm.Deploy.Tests;

/// <summary>
/// The dev cluster's in-cluster backing services carry the same rules as those ./farm starts (proved on the real
/// services by PoisonMessageTests and GalleryCredentialsTests): RabbitMQ's poison policy — same name, pattern,
/// delivery limit and dead-letter target — and the Gallery's Redis ACL.
/// </summary>
public sealed partial class BrokerPolicyTests
{
    [GeneratedRegex(@"set_policy\s+--apply-to\s+(?<applyTo>\S+)\s+(?<name>\S+)\s+'(?<pattern>[^']+)'\s*\\?\s*'(?<definition>[^']+)'")]
    private static partial Regex SetPolicy();

    static Match PolicyIn(string path)
    {
        var match = SetPolicy().Match(File.ReadAllText(Path.Combine(SharedData.RepoRoot, path)));
        Assert.True(match.Success, $"{path} sets no RabbitMQ policy");
        return match;
    }

    [Fact]
    public void The_dev_broker_sets_the_poison_policy_the_local_farm_sets()
    {
        var local = PolicyIn("scripts/services.sh");
        var dev = PolicyIn("deploy/k8s/overlays/dev/rabbitmq.yaml");

        Assert.Equal(local.Groups["name"].Value, dev.Groups["name"].Value);
        Assert.Equal(local.Groups["pattern"].Value, dev.Groups["pattern"].Value);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(local.Groups["definition"].Value), JsonNode.Parse(dev.Groups["definition"].Value)),
            $"definitions differ: {local.Groups["definition"].Value} vs {dev.Groups["definition"].Value}");
        // RabbitMQ 3.13 in the cluster applies it to quorum queues only (the paint queue is one).
        Assert.Equal("quorum_queues", dev.Groups["applyTo"].Value);
        Assert.Equal(5, JsonNode.Parse(dev.Groups["definition"].Value)!["delivery-limit"]!.GetValue<int>());
    }

    [GeneratedRegex(@"GALLERY_REDIS_ACL=\((?<rules>[^)]*)\)")]
    private static partial Regex LocalGalleryAcl();

    [GeneratedRegex(@"""--user"", ""gallery"", ""on"", ""[^""]+"", (?<rules>[^\]]*)\]", RegexOptions.Singleline)]
    private static partial Regex DevGalleryAcl();

    [Fact]
    public void The_dev_redis_grants_the_gallery_user_the_rules_the_local_farm_grants()
    {
        var local = LocalGalleryAcl().Match(File.ReadAllText(Path.Combine(SharedData.RepoRoot, "scripts/services.sh")));
        var dev = DevGalleryAcl().Match(File.ReadAllText(Path.Combine(SharedData.RepoRoot, "deploy/k8s/overlays/dev/redis.yaml")));
        Assert.True(local.Success && dev.Success, "a Gallery ACL is missing");

        string[] Rules(string text) => text.Split([' ', ',', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(r => r.Trim('\'', '"')).ToArray();
        Assert.Equal(Rules(local.Groups["rules"].Value), Rules(dev.Groups["rules"].Value));
        Assert.Contains("~gallery:*", Rules(dev.Groups["rules"].Value));
        Assert.Contains("-@all", Rules(dev.Groups["rules"].Value));
    }
}
