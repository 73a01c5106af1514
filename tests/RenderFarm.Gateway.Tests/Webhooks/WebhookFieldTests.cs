using System.Net;
using System.Text.Json;
using RenderFarm.Contracts;
using RenderFarm.TestSupport;

namespace RenderFarm.Gateway.Tests.Webhooks;

/// <summary>With webhooks on and SSRF protection on (production), an upload names only a public https callback.</summary>
public sealed class WebhookFieldTests(GatewayFixture<WebhookFieldTests.Settings> gateway) : GatewayHost<WebhookFieldTests.Settings>(gateway)
{
    public sealed class Settings : IGatewaySettings
    {
        public static void Configure(Dictionary<string, string?> settings) => settings["Webhooks:SigningSecret"] = "test-signing-secret";
    }

    static MultipartFormDataContent Upload(string webhook)
    {
        var form = PhotoForm.FromFile(SharedData.Face("hopper.jpg"));
        form.Add(new StringContent(webhook), "webhook");
        return form;
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://10.0.0.7/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("not a url")]
    public async Task A_callback_into_a_private_network_is_refused_and_nothing_is_kept(string webhook)
    {
        var response = await Client.PostAsync("/api/portraits", Upload(webhook));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(ErrorCodes.InvalidWebhook, problem.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_public_https_callback_is_accepted()
    {
        var response = await Client.PostAsync("/api/portraits", Upload("https://hooks.example.com/renderfarm"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
