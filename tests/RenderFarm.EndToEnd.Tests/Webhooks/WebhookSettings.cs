namespace RenderFarm.EndToEnd.Tests.Webhooks;

public static class WebhookSettings
{
    /// <summary>Webhooks on for a test farm: signed with <paramref name="secret"/>, its own event queue, loopback receivers allowed.</summary>
    public static Dictionary<string, string?> WithWebhooks(this Dictionary<string, string?> settings, string secret)
    {
        settings["Webhooks:SigningSecret"] = secret;
        settings["Webhooks:AllowPrivateAddresses"] = "true";
        settings["Webhooks:Queue"] = $"portrait-webhooks-test-{Guid.NewGuid():N}";
        return settings;
    }
}
