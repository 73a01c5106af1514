using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RenderFarm.Contracts;
using RenderFarm.Gateway.Webhooks;
using RenderFarm.TestSupport;

namespace RenderFarm.EndToEnd.Tests.Webhooks;

/// <summary>
/// A job's end reaches the uploader's callback URL: signed, its public status only, retried with back-off while the
/// receiver fails, and given up after the configured attempts with a dead-letter record. The receiver is on loopback,
/// so these farms run with Webhooks:AllowPrivateAddresses (production refuses such URLs: WebhookFieldTests).
/// </summary>
[Collection(FarmCollection.Name)]
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    const string Secret = "whsec-test-0123456789";
    TestFarm farm = null!;
    WebhookReceiver receiver = null!;
    Dictionary<string, string?> settings = null!;

    public async Task InitializeAsync()
    {
        receiver = await WebhookReceiver.StartAsync();
        settings = FarmSettings.OnlyPainter("ink").WithWebhooks(Secret);
        settings["Webhooks:RetryIntervals:0"] = "00:00:00.2";
        settings["Webhooks:RetryIntervals:1"] = "00:00:00.4";
        farm = TestFarm.Start(settings);
    }

    public async Task DisposeAsync()
    {
        await farm.DisposeAsync();
        await receiver.DisposeAsync();
        await TestQueues.DeleteAsync(settings);
    }

    async Task<Guid> PaintAsync(string webhookPath)
    {
        var form = PhotoForm.FromFile(SharedData.Face("hopper.jpg"));
        form.Add(new StringContent(receiver.Url(webhookPath)), "webhook");
        var response = await farm.GatewayClient.PostAsync("/api/portraits", form);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        Assert.Equal(JobStatus.Succeeded, (await farm.WaitForEndAsync(id)).GetProperty("status").GetString());
        return id;
    }

    [Fact]
    public async Task A_painted_job_posts_its_public_status_signed_with_the_farms_secret()
    {
        var id = await PaintAsync("/hooks/ok");

        var call = (await Eventually.WaitForAsync(() => Task.FromResult(receiver.CallsTo("/hooks/ok")), c => c.Count > 0,
            TimeSpan.FromSeconds(30), "the callback"))[0];

        Assert.Equal("portrait.painted", call.Headers[WebhookNotifier.EventHeader]);
        Assert.Equal($"{id:N}.portrait.painted", call.Headers[WebhookNotifier.DeliveryHeader]);
        Assert.StartsWith("application/json", call.Headers["Content-Type"]);
        // t=UNIX,v1=HEX with HEX = HMAC-SHA256(secret, "UNIX." + body), a recent UNIX.
        var parts = call.Headers[WebhookSignature.Header].Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var signed = Encoding.UTF8.GetBytes($"{parts["t"]}.").Concat(call.Body).ToArray();
        Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), signed)), parts["v1"]);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(parts["t"], CultureInfo.InvariantCulture), 0, 300);
        using var status = JsonDocument.Parse(call.Body);
        Assert.Equal(id, status.RootElement.GetProperty("id").GetGuid());
        Assert.Equal(JobStatus.Succeeded, status.RootElement.GetProperty("status").GetString());
        Assert.EndsWith(".jpg", status.RootElement.GetProperty("imageUrl").GetString());
        // The public status only: no delete token, no webhook URL, nothing of the photo.
        var text = Encoding.UTF8.GetString(call.Body);
        Assert.DoesNotContain("deleteToken", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hooks/ok", text);
        Assert.True(call.Body.Length < 4096, $"body of {call.Body.Length} bytes");
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_until_it_accepts()
    {
        receiver.Answer("/hooks/flaky", 503, 500, 200);
        var id = await PaintAsync("/hooks/flaky");

        var calls = await Eventually.WaitForAsync(() => Task.FromResult(receiver.CallsTo("/hooks/flaky")), c => c.Count >= 3,
            TimeSpan.FromSeconds(30), "three attempts");

        Assert.All(calls, c => Assert.Equal($"{id:N}.portrait.painted", c.Headers[WebhookNotifier.DeliveryHeader]));
        await Task.Delay(1000);
        Assert.Equal(3, receiver.CallsTo("/hooks/flaky").Count);
        Assert.Null(await farm.GatewayServices.GetRequiredService<WebhookDeadLetters>().GetAsync(id));
    }

    [Fact]
    public async Task A_receiver_that_never_accepts_gets_a_bounded_number_of_attempts_and_a_dead_letter_record()
    {
        receiver.Answer("/hooks/down", 500);
        var id = await PaintAsync("/hooks/down");
        var deadLetters = farm.GatewayServices.GetRequiredService<WebhookDeadLetters>();

        var record = await Eventually.WaitForAsync(() => deadLetters.GetAsync(id), r => r is not null, TimeSpan.FromSeconds(30), "the dead-letter record");

        Assert.Equal("3", record!["attempts"]);
        Assert.Equal("HTTP 500", record["lastOutcome"]);
        Assert.Equal("portrait.painted", record["event"]);
        Assert.DoesNotContain("127.0.0.1", string.Join(" ", record.Values));
        await Task.Delay(1500);
        Assert.Equal(3, receiver.CallsTo("/hooks/down").Count);
    }
}
