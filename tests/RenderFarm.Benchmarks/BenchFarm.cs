using System.Collections.Concurrent;
using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RenderFarm.Contracts;
using RenderFarm.Farm.Jobs;
using RenderFarm.Gateway.Portraits;
using RenderFarm.TestSupport;

namespace RenderFarm.Benchmarks;

/// <summary>A Gateway in this process (the real upload path) plus the job records, for one benchmark configuration.</summary>
public sealed class BenchFarm : IAsyncDisposable
{
    readonly FarmHost<PortraitIntake> gateway;
    readonly HttpClient client;

    public BenchFarm(Dictionary<string, string?> settings)
    {
        Settings = settings;
        gateway = new FarmHost<PortraitIntake>(settings);
        client = gateway.CreateClient();
        Jobs = gateway.Services.GetRequiredService<JobStore>();
    }

    public Dictionary<string, string?> Settings { get; }
    public JobStore Jobs { get; }

    /// <summary>Uploads refused with 429 or 503 and tried again, by code: a benchmark row reports them and goes on.</summary>
    public ConcurrentDictionary<string, int> Refusals { get; } = new();

    /// <summary>"none", or each refusal code with its count.</summary>
    public string RefusalSummary => Refusals.IsEmpty ? "none" : string.Join(", ", Refusals.OrderBy(r => r.Key).Select(r => $"{r.Key} ×{r.Value}"));

    public async Task<Guid> UploadAsync(byte[] photo, string style)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var form = PhotoForm.Create(photo, style: style);
            using var response = await client.PostAsync("/api/portraits", form);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                using var json = JsonDocument.Parse(body);
                return json.RootElement.GetProperty("id").GetGuid();
            }
            // An overloaded box (the blob store giving up under eight workers on two cores) refuses some uploads: the
            // farm says so with a code and Retry-After, and a client tries again; so does the benchmark, counting.
            if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) || attempt == 30)
                throw new InvalidOperationException($"upload refused: {(int)response.StatusCode} {body}");
            Refusals.AddOrUpdate(ProblemCode(body) ?? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }
    }

    static string? ProblemCode(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Follows the job's status stream (GET /api/portraits/{id}/events) as the upload page does, and returns when its
    /// terminal event arrived, by this machine's clock (the worker's completedAt is by the same clock here).
    /// </summary>
    public async Task<DateTimeOffset> TerminalEventAsync(Guid id, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync($"/api/portraits/{id}/events", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in SseParser.Create(body).EnumerateAsync(cancellationToken))
        {
            var at = DateTimeOffset.UtcNow;
            using var view = JsonDocument.Parse(item.Data);
            if (JobStatus.IsTerminal(view.RootElement.GetProperty("status").GetString() ?? ""))
                return at;
        }
        throw new InvalidOperationException($"the status stream of job {id} ended without a terminal status");
    }

    public async Task<List<Guid>> UploadManyAsync(byte[] photo, string style, int count, int parallel = 8)
    {
        var ids = new Guid[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) => ids[i] = await UploadAsync(photo, style));
        return [.. ids];
    }

    public async Task<List<JobRecord>> WaitAllAsync(IEnumerable<Guid> ids, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var done = new Dictionary<Guid, JobRecord>();
        var pending = ids.ToHashSet();
        while (pending.Count > 0)
        {
            foreach (var id in pending.ToList())
            {
                var job = await Jobs.GetAsync(id);
                if (job is not null && JobStatus.IsTerminal(job.Status))
                {
                    if (job.Status != JobStatus.Succeeded)
                        throw new InvalidOperationException($"job {id} ended {job.Status} ({job.ErrorCode}: {job.ErrorMessage})");
                    done[id] = job;
                    pending.Remove(id);
                }
            }
            if (pending.Count == 0) break;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{pending.Count} jobs unfinished after {timeout}");
            // Job times come from the records, not from this loop; polling many jobs often would only take CPU from the farm.
            await Task.Delay(pending.Count > 1 ? 1000 : 20);
        }
        return [.. done.Values];
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await gateway.DisposeAsync();
    }
}
