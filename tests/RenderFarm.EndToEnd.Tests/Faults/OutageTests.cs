using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using RenderFarm.Contracts;
using RenderFarm.TestSupport;
using Xunit.Abstractions;

namespace RenderFarm.EndToEnd.Tests.Faults;

/// <summary>Backing services fail under load: nothing answered 202 is lost, nothing refused leaves a photo behind, no 500s.</summary>
[Collection(FarmCollection.Name)]
public sealed class OutageTests(ITestOutputHelper output)
{
    /// <summary>A tiny canvas: painting takes milliseconds, so the outage, not the painter, decides the timing.</summary>
    static Dictionary<string, string?> FastFarm() => FarmSettings.OnlyPainter("udnie", 128, 160);

    static async Task<HttpResponseMessage> PostAsync(TestFarm farm, byte[] photo)
    {
        using var form = PhotoForm.Create(photo);
        return await farm.GatewayClient.PostAsync("/api/portraits", form);
    }

    static async Task<Guid?> AcceptedIdAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Accepted) return null;
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("id").GetGuid();
    }

    static async Task AssertServiceUnavailableAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains(ErrorCodes.ServiceUnavailable, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RabbitMq_restart_during_a_burst_of_50_uploads_loses_no_accepted_job()
    {
        await using var farm = TestFarm.Start(FastFarm());
        var photo = await File.ReadAllBytesAsync(SharedData.Face("hopper.jpg"));
        var answers = new ConcurrentBag<(HttpStatusCode Status, Guid? Id)>();

        // 50 uploads paced over 20 s; RabbitMQ goes away at 3 s for longer than the Gateway waits for a confirm
        // (10 s), so uploads before, during and after the outage meet a live, a dead and a recovering broker.
        var restart = Task.Delay(TimeSpan.FromSeconds(3)).ContinueWith(_ => BackingServices.RestartRabbitMqAsync(TimeSpan.FromSeconds(12))).Unwrap();
        var uploads = Enumerable.Range(0, 50).Select(async i =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(400 * i));
            var response = await PostAsync(farm, photo);
            answers.Add((response.StatusCode, await AcceptedIdAsync(response)));
            if (response.StatusCode != HttpStatusCode.Accepted) await AssertServiceUnavailableAsync(response);
        }).ToList();
        await Task.WhenAll(uploads);
        await restart;

        var accepted = answers.Where(a => a.Id is not null).Select(a => a.Id!.Value).ToList();
        output.WriteLine($"202: {accepted.Count}, 503: {answers.Count(a => a.Status == HttpStatusCode.ServiceUnavailable)}");
        Assert.All(answers, a => Assert.Contains(a.Status, new[] { HttpStatusCode.Accepted, HttpStatusCode.ServiceUnavailable }));
        Assert.Contains(answers, a => a.Status == HttpStatusCode.ServiceUnavailable);
        foreach (var id in accepted)
        {
            var status = await farm.WaitForEndAsync(id, TimeSpan.FromSeconds(180));
            Assert.True(status.GetProperty("status").GetString() == JobStatus.Succeeded, $"accepted job {id} ended {status}");
        }
        Assert.Empty(await Uploads.OrphansAsync(farm));
    }

    [Fact]
    public async Task Redis_then_Azurite_freezing_gets_503s_not_500s_and_every_accepted_job_finishes()
    {
        await using var farm = TestFarm.Start(FastFarm());
        var photo = await File.ReadAllBytesAsync(SharedData.Face("hopper.jpg"));
        var accepted = new List<Guid>();
        async Task UploadSome(int count)
        {
            for (var i = 0; i < count; i++)
                if (await AcceptedIdAsync(await PostAsync(farm, photo)) is { } id) accepted.Add(id);
        }
        await UploadSome(3);

        // Redis stalls: uploads and status reads answer 503 with a code, the worker's jobs wait in retries.
        var redisFrozen = BackingServices.FreezeAsync(BackingServices.RedisProcess, TimeSpan.FromSeconds(8));
        await Task.Delay(500);
        var upload = PostAsync(farm, photo);
        var read = farm.GatewayClient.GetAsync($"/api/portraits/{accepted[0]}");
        await AssertServiceUnavailableAsync(await upload);
        await AssertServiceUnavailableAsync(await read);
        await redisFrozen;
        await UploadSome(3);

        // The blob store stalls: uploads are refused (503) or, once it thaws within the client's retries, accepted.
        var azuriteFrozen = BackingServices.FreezeAsync(BackingServices.AzuriteProcess, TimeSpan.FromSeconds(8));
        await Task.Delay(500);
        var duringStoreOutage = await PostAsync(farm, photo);
        Assert.Contains(duringStoreOutage.StatusCode, new[] { HttpStatusCode.Accepted, HttpStatusCode.ServiceUnavailable });
        if (await AcceptedIdAsync(duringStoreOutage) is { } lateId) accepted.Add(lateId);
        await azuriteFrozen;
        await UploadSome(3);

        foreach (var id in accepted)
        {
            var status = await farm.WaitForEndAsync(id, TimeSpan.FromSeconds(180));
            Assert.True(status.GetProperty("status").GetString() == JobStatus.Succeeded, $"accepted job {id} ended {status}");
        }
        Assert.Empty(await Uploads.OrphansAsync(farm));
    }

    [Fact]
    public async Task Ninety_seconds_without_redis_then_a_minute_without_the_blob_store_end_every_accepted_job_painted()
    {
        var settings = FastFarm();
        await using var farm = TestFarm.Start(settings, withWorker: false);
        var photo = await File.ReadAllBytesAsync(SharedData.Face("hopper.jpg"));
        var accepted = new List<Guid>();
        for (var i = 0; i < 20; i++)
            accepted.Add(await AcceptedIdAsync(await PostAsync(farm, photo)) ?? throw new InvalidOperationException("upload refused"));

        // The worker arrives during the outages, so every job meets them: claims time out against a frozen Redis,
        // then downloads against a frozen blob store. Redis stays away longer than the old retries lasted (five waits,
        // 40 s, plus a 5 s timeout per attempt: about 70 s).
        var redisFrozen = BackingServices.FreezeAsync(BackingServices.RedisProcess, TimeSpan.FromSeconds(90));
        await using var worker = ServiceProcess.Start("Worker", settings);
        await redisFrozen;
        await BackingServices.FreezeAsync(BackingServices.AzuriteProcess, TimeSpan.FromSeconds(60));

        foreach (var id in accepted)
        {
            var status = await farm.WaitForEndAsync(id, TimeSpan.FromMinutes(5));
            Assert.True(status.GetProperty("status").GetString() == JobStatus.Succeeded, $"accepted job {id} ended {status}");
        }
        Assert.Equal(0u, await BrokerQueue.CountIfDeclaredAsync($"{settings["Bus:PaintQueue"]}_error"));
        Assert.Empty(await Uploads.OrphansAsync(farm));
        output.WriteLine($"{accepted.Count} jobs through a 90 s Redis and a 60 s blob store outage");
    }
}
