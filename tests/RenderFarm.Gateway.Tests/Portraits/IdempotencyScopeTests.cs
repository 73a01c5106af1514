using System.Net;
using System.Text.Json;
using RenderFarm.TestSupport;

namespace RenderFarm.Gateway.Tests.Portraits;

/// <summary>
/// An Idempotency-Key replays only for the client that used it: someone else sending the same key and photo gets a
/// job of their own, never the first client's job id and delete token. Over TCP to a Gateway process behind a
/// trusted proxy (loopback), so X-Forwarded-For names the client.
/// </summary>
public sealed class IdempotencyScopeTests
{
    static async Task<(Guid Id, string Token)> UploadAsync(HttpClient http, string client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/portraits") { Content = PhotoForm.FromFile(SharedData.Face("hopper.jpg")) };
        request.Headers.Add("Idempotency-Key", key);
        request.Headers.Add("X-Forwarded-For", client);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (json.RootElement.GetProperty("id").GetGuid(), json.RootElement.GetProperty("deleteToken").GetString()!);
    }

    [Fact]
    public async Task The_same_key_and_photo_from_another_client_is_a_new_job()
    {
        var settings = FarmSettings.Create();
        settings["Proxies:TrustedNetworks:0"] = "127.0.0.0/8";
        try
        {
            await using var gateway = ServiceProcess.Start("Gateway", settings);
            await gateway.WaitUntilHealthyAsync(TimeSpan.FromMinutes(2), "/health/ready");
            using var http = new HttpClient { BaseAddress = new Uri(gateway.BaseUrl) };
            var key = Guid.NewGuid().ToString();

            var first = await UploadAsync(http, "198.51.100.10", key);
            var retried = await UploadAsync(http, "198.51.100.10", key);
            var someoneElse = await UploadAsync(http, "203.0.113.20", key);

            Assert.Equal(first, retried);
            Assert.NotEqual(first.Id, someoneElse.Id);
            Assert.NotEqual(first.Token, someoneElse.Token);
        }
        finally
        {
            await TestQueues.DeleteAsync(settings);
        }
    }
}
