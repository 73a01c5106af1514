using System.Net;
using System.Text.Json;
using RenderFarm.Contracts;
using RenderFarm.Gateway.Webhooks;
using RenderFarm.TestSupport;

namespace RenderFarm.EndToEnd.Tests.Webhooks;

/// <summary>A job that fails calls back too, with its error code and message, and no painting.</summary>
[Collection(FarmCollection.Name)]
public sealed class FailedJobWebhookTests
{
    [Fact]
    public async Task A_failed_job_posts_its_status_with_the_error_code()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = FarmSettings.Create(TestManifests.WithBrokenPainter(), SharedData.Models).WithWebhooks("whsec-failed");
        try
        {
            await using var farm = TestFarm.Start(settings);
            var form = PhotoForm.FromFile(SharedData.Face("hopper.jpg"));
            form.Add(new StringContent("broken"), "style");
            form.Add(new StringContent(receiver.Url("/hooks/failed")), "webhook");
            var accepted = await farm.GatewayClient.PostAsync("/api/portraits", form);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            var id = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();

            var call = (await Eventually.WaitForAsync(() => Task.FromResult(receiver.CallsTo("/hooks/failed")), c => c.Count > 0,
                TimeSpan.FromSeconds(60), "the callback"))[0];

            Assert.Equal("portrait.failed", call.Headers[WebhookNotifier.EventHeader]);
            using var status = JsonDocument.Parse(call.Body);
            Assert.Equal(id, status.RootElement.GetProperty("id").GetGuid());
            Assert.Equal(JobStatus.Failed, status.RootElement.GetProperty("status").GetString());
            Assert.Equal(ErrorCodes.PainterFailed, status.RootElement.GetProperty("error").GetProperty("code").GetString());
            Assert.Equal(JsonValueKind.Null, status.RootElement.GetProperty("imageUrl").ValueKind);
        }
        finally
        {
            await TestQueues.DeleteAsync(settings);
        }
    }
}
