using System.Net;
using RenderFarm.Contracts;
using RenderFarm.Gateway.Portraits;
using RenderFarm.TestSupport;

namespace RenderFarm.Gateway.Tests.Defences;

/// <summary>Rate limits and load shedding, on the real Redis and RabbitMQ.</summary>
public sealed class DefenceTests
{
    static async Task<HttpResponseMessage> UploadAsync(HttpClient client)
    {
        using var form = PhotoForm.FromFile(SharedData.Face("hopper.jpg"));
        return await client.PostAsync("/api/portraits", form);
    }

    [Fact]
    public async Task Upload_limit_per_client_holds_across_two_gateway_replicas()
    {
        var settings = FarmSettings.Create();
        settings["RateLimiting:UploadsPerWindow"] = "3";
        settings["RateLimiting:ClientKeySecret"] = Guid.NewGuid().ToString(); // a fresh partition for this test
        await using var first = new FarmHost<PortraitIntake>(settings);
        await using var second = new FarmHost<PortraitIntake>(settings);
        var a = first.CreateClient();
        var b = second.CreateClient();

        var accepted = new[] { await UploadAsync(a), await UploadAsync(a), await UploadAsync(b) };
        var refused = await UploadAsync(b);

        Assert.All(accepted, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains(ErrorCodes.RateLimited, await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Uploads_are_shed_with_503_and_retry_after_when_the_queue_cannot_be_finished_in_time()
    {
        var settings = FarmSettings.Create();   // a private queue with no worker at all
        settings["Shedding:MinDepth"] = "3";
        settings["Shedding:MaxDepthWithoutProgress"] = "3";
        settings["Shedding:MaxQueueTime"] = "00:00:00.001";
        settings["Shedding:ProbeInterval"] = "00:00:00.200";
        await using var gateway = new FarmHost<PortraitIntake>(settings);
        var client = gateway.CreateClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await UploadAsync(client)).StatusCode);

        var shed = await Eventually.WaitForAsync(() => UploadAsync(client), r => r.StatusCode != HttpStatusCode.Accepted,
            TimeSpan.FromSeconds(10), "the gateway to notice the deep queue");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, shed.StatusCode);
        Assert.True(shed.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(5));
        Assert.Contains(ErrorCodes.QueueFull, await shed.Content.ReadAsStringAsync());
    }
}
