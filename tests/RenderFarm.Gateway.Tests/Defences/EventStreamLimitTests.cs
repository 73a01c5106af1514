using System.Net;
using System.Text.Json;
using RenderFarm.Contracts;
using RenderFarm.TestSupport;

namespace RenderFarm.Gateway.Tests.Defences;

/// <summary>
/// Status streams are capped per client and per replica with a coded 429, and a closed stream gives its slot back.
/// Over TCP to a Gateway process behind a trusted proxy (loopback), so X-Forwarded-For names the client.
/// </summary>
public sealed class EventStreamLimitTests
{
    static async Task<HttpResponseMessage> OpenStreamAsync(HttpClient http, Guid job, string client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/portraits/{job}/events");
        request.Headers.Add("X-Forwarded-For", client);
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(ErrorCodes.TooManyStreams, problem.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Streams_beyond_a_clients_cap_or_the_replicas_are_refused_with_a_code_and_a_closed_one_frees_its_slot()
    {
        var settings = FarmSettings.Create();
        settings["Proxies:TrustedNetworks:0"] = "127.0.0.0/8";
        settings["RateLimiting:StreamsPerClient"] = "2";
        settings["RateLimiting:StreamsPerReplica"] = "3";
        var open = new List<HttpResponseMessage>();
        try
        {
            await using var gateway = ServiceProcess.Start("Gateway", settings);
            await gateway.WaitUntilHealthyAsync(TimeSpan.FromMinutes(2));
            using var http = new HttpClient { BaseAddress = new Uri(gateway.BaseUrl) };
            using var form = PhotoForm.FromFile(SharedData.Face("hopper.jpg"));
            using var upload = await http.PostAsync("/api/portraits", form);
            Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
            var job = JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();

            // No worker: the job stays queued and every stream stays open.
            for (var i = 0; i < 2; i++)
                open.Add(await OpenStreamAsync(http, job, "198.51.100.10"));
            Assert.All(open, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            using (var third = await OpenStreamAsync(http, job, "198.51.100.10"))
                await AssertRefusedAsync(third);

            open.Add(await OpenStreamAsync(http, job, "203.0.113.20"));
            Assert.Equal(HttpStatusCode.OK, open[^1].StatusCode);
            using (var overReplica = await OpenStreamAsync(http, job, "192.0.2.30"))
                await AssertRefusedAsync(overReplica);

            // The first client closes a stream: its slot (and the replica's) comes back.
            open[0].Dispose();
            open.RemoveAt(0);
            var again = await Eventually.WaitForAsync(() => OpenStreamAsync(http, job, "198.51.100.10"),
                r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "a slot after closing a stream");
            open.Add(again);
        }
        finally
        {
            foreach (var response in open) response.Dispose();
            await TestQueues.DeleteAsync(settings);
        }
    }
}
