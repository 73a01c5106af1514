using System.Net;
using System.Text.Json;
using RenderFarm.Contracts;
using RenderFarm.TestSupport;

namespace RenderFarm.Gateway.Tests.Portraits;

/// <summary>
/// A Redis blip after the broker confirmed the job — when only the Idempotency-Key's record fails to be written — must
/// not answer 503 "nothing was kept" while the job is queued (and, if listed, reaches the feed) with the uploader
/// holding no token. A Gateway process talks to Redis through a relay that cuts the connection on that one write.
/// </summary>
public sealed class IdempotencyOutageTests
{
    [Fact]
    public async Task A_redis_blip_after_the_broker_confirmed_still_gives_the_uploader_the_job_and_its_token()
    {
        await using var redis = new TcpFaultProxy(6379);
        var settings = FarmSettings.Create();
        settings["ConnectionStrings:redis"] = $"127.0.0.1:{redis.Port}";
        try
        {
            await using var gateway = ServiceProcess.Start("Gateway", settings);
            await gateway.WaitUntilHealthyAsync(TimeSpan.FromMinutes(2), "/health/ready");
            using var http = new HttpClient { BaseAddress = new Uri(gateway.BaseUrl) };

            // The idempotency record's final write is the only command carrying "done|".
            redis.CutOnceWhenClientSends("done|");
            using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/portraits") { Content = PhotoForm.FromFile(SharedData.Face("hopper.jpg")) };
            upload.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var accepted = await http.SendAsync(upload);

            Assert.Equal(1, redis.Cuts);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            using var json = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync());
            var id = json.RootElement.GetProperty("id").GetGuid();
            var token = json.RootElement.GetProperty("deleteToken").GetString()!;

            // The queued job is the one the uploader got (the client reconnects to Redis first), and the token commands it.
            var status = await Eventually.WaitForAsync(async () => (await http.GetAsync($"/api/portraits/{id}")).StatusCode,
                code => code == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the job's status");
            using var cancel = new HttpRequestMessage(HttpMethod.Delete, $"/api/portraits/{id}");
            cancel.Headers.Add(FarmHeaders.DeleteToken, token);
            using var canceled = await http.SendAsync(cancel);
            Assert.Equal(HttpStatusCode.OK, canceled.StatusCode);
        }
        finally
        {
            await TestQueues.DeleteAsync(settings);
        }
    }
}
