using System.Net;
using System.Text.Json;
using RenderFarm.Contracts;
using RenderFarm.TestSupport;

namespace RenderFarm.Gateway.Tests.Webhooks;

/// <summary>Without a signing secret the farm sends no webhooks, and says so instead of silently dropping one.</summary>
public sealed class WebhooksOffTests(GatewayFixture<DefaultGatewaySettings> gateway) : GatewayHost(gateway)
{
    [Fact]
    public async Task An_upload_naming_a_webhook_is_refused_when_webhooks_are_off()
    {
        var form = PhotoForm.FromFile(SharedData.Face("hopper.jpg"));
        form.Add(new StringContent("https://hooks.example.com/renderfarm"), "webhook");

        var response = await Client.PostAsync("/api/portraits", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(ErrorCodes.WebhooksDisabled, problem.RootElement.GetProperty("code").GetString());
    }
}
