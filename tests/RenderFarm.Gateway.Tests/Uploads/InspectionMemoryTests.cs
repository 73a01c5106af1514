using System.Net;
using System.Text.Json;
using RenderFarm.Contracts;
using RenderFarm.TestSupport;
using SkiaSharp;

namespace RenderFarm.Gateway.Tests.Uploads;

/// <summary>
/// Images under every limit can still cost a lot to check: a 6300×6300 PNG is ~130 KB on disk and 150 MiB as pixels.
/// Sixteen of them at once must not take a Gateway anywhere near its 1 GiB pod limit: checks are bounded in number
/// (the excess refused with a code, not queued without end) and each proves its image without holding all its pixels.
/// Measured as the Gateway process's peak resident memory (native memory included), not GC counters.
/// </summary>
public sealed class InspectionMemoryTests
{
    /// <summary>A complete, valid 6300×6300 PNG (39.7 MP, under the 40 MP limit) that compresses to almost nothing.</summary>
    static byte[] LargeFlatPng()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(6300, 6300, SKColorType.Rgba8888, SKAlphaType.Opaque));
        bitmap.Erase(new SKColor(180, 140, 110));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    [Fact]
    public async Task Sixteen_large_pngs_at_once_keep_the_gateway_far_below_its_memory_limit_and_excess_is_refused_with_a_code()
    {
        var png = LargeFlatPng();
        Assert.InRange(png.Length, 1, 1024 * 1024);
        var settings = FarmSettings.Create();
        try
        {
            await using var gateway = ServiceProcess.Start("Gateway", settings);
            await gateway.WaitUntilHealthyAsync(TimeSpan.FromMinutes(2));
            var idle = gateway.PeakResidentMiB();
            using var http = new HttpClient { BaseAddress = new Uri(gateway.BaseUrl), Timeout = TimeSpan.FromMinutes(3) };

            var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
            {
                using var form = new MultipartFormDataContent { { new ByteArrayContent(png), "photo", "large.png" } };
                using var response = await http.PostAsync("/api/portraits", form);
                var body = await response.Content.ReadAsStringAsync();
                return (response.StatusCode, Code: response.StatusCode == HttpStatusCode.Accepted ? "" : JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
            }));
            var peak = gateway.PeakResidentMiB();

            Assert.False(gateway.HasExited, "the Gateway died");
            Assert.All(answers, a => Assert.True(a.StatusCode == HttpStatusCode.Accepted
                || (a.StatusCode == HttpStatusCode.ServiceUnavailable && a.Code == ErrorCodes.ServerBusy), $"{a.StatusCode} {a.Code}"));
            Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.Accepted);
            // 16 full decodes would be 16 × 150 MiB; the bound leaves room for the runtime and the uploads' bytes.
            Assert.True(peak - idle < 200, $"peak resident memory rose {peak - idle:F0} MiB (idle {idle:F0} MiB, peak {peak:F0} MiB); answers: "
                + string.Join(", ", answers.GroupBy(a => $"{(int)a.StatusCode} {a.Code}").Select(g => $"{g.Key} ×{g.Count()}")));
        }
        finally
        {
            await TestQueues.DeleteAsync(settings);
        }
    }
}
