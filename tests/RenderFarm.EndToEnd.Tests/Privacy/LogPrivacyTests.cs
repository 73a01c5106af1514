using System.Net.Http.Headers;
using RenderFarm.TestSupport;

namespace RenderFarm.EndToEnd.Tests.Privacy;

[Collection(FarmCollection.Name)]
public sealed class LogPrivacyTests
{
    [Fact]
    public async Task Logs_of_a_whole_job_carry_no_file_name_client_data_exif_or_token()
    {
        var logs = new CapturedLogs();
        await using var farm = TestFarm.Start(FarmSettings.OnlyPainter("udnie"), logSink: logs);
        farm.GatewayClient.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("PrivacyProbe", "7.7"));
        farm.GatewayClient.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.77");

        var job = await farm.UploadAsync(SharedData.Exif("DSCN0021.jpg"), listed: true);
        var status = await farm.WaitForEndAsync(job.Id);
        await farm.TakeDownAsync(status.GetProperty("galleryId").GetString()!, job.DeleteToken);

        Assert.Contains(logs.Records, r => r.Contains(job.Id.ToString()));   // the capture works: the job was logged
        string[] forbidden = ["DSCN0021", "PrivacyProbe", "203.0.113.77", job.DeleteToken, "NIKON", "COOLPIX", "43.467", "11.884", "2008:10:22"];
        foreach (var secret in forbidden)
            Assert.DoesNotContain(logs.Records, r => r.Contains(secret, StringComparison.OrdinalIgnoreCase));
    }
}
