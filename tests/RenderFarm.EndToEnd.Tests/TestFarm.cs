using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RenderFarm.Contracts;
using RenderFarm.Farm.Gallery;
using RenderFarm.Farm.Storage;
using RenderFarm.Farm.Uploads;
using RenderFarm.Gallery.Feed;
using RenderFarm.Gateway.Portraits;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Consumers;

namespace RenderFarm.EndToEnd.Tests;

/// <summary>Gateway, Worker and Gallery in this process, on the real RabbitMQ, Redis and Azurite, sharing one paint queue.</summary>
public sealed class TestFarm : IAsyncDisposable
{
    readonly FarmHost<PortraitIntake> gateway;
    readonly FarmHost<PaintPortraitConsumer>? worker;
    readonly FarmHost<FeedOptions> gallery;

    TestFarm(Dictionary<string, string?> settings, bool withWorker, ILoggerProvider? logSink, Action<IServiceCollection>? configureServices)
    {
        Settings = settings;
        gateway = new FarmHost<PortraitIntake>(settings, logSink, configureServices);
        gallery = new FarmHost<FeedOptions>(settings, logSink, configureServices);
        GatewayClient = gateway.CreateClient();
        GalleryClient = gallery.CreateClient();
        if (withWorker)
        {
            worker = new FarmHost<PaintPortraitConsumer>(settings, logSink, configureServices);
            _ = worker.Services; // starts the worker's host: bus, consumer, painter warm-up
        }
    }

    /// <summary>Gateway, Gallery and (unless told otherwise) a Worker on a private paint queue.</summary>
    public static TestFarm Start(Dictionary<string, string?>? settings = null, bool withWorker = true, ILoggerProvider? logSink = null,
        Action<IServiceCollection>? configureServices = null) =>
        new(settings ?? FarmSettings.Create(), withWorker, logSink, configureServices);

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public IServiceProvider GatewayServices => gateway.Services;

    public IServiceProvider GalleryServices => gallery.Services;

    public HttpClient GatewayClient { get; }
    public HttpClient GalleryClient { get; }
    public FarmBlobContainers Containers => gateway.Services.GetRequiredService<FarmBlobContainers>();
    public UploadStore Uploads => gateway.Services.GetRequiredService<UploadStore>();

    public async Task<(Guid Id, string DeleteToken)> UploadAsync(string path, string? style = null, bool? listed = null)
    {
        using var form = PhotoForm.FromFile(path, style, listed);
        var response = await GatewayClient.PostAsync("/api/portraits", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"upload of {Path.GetFileName(path)}: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("id").GetGuid(), json.RootElement.GetProperty("deleteToken").GetString()!);
    }

    public Task<HttpResponseMessage> CancelAsync(Guid id, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/portraits/{id}");
        if (token is not null) request.Headers.Add(FarmHeaders.DeleteToken, token);
        return GatewayClient.SendAsync(request);
    }

    public Task<HttpResponseMessage> TakeDownAsync(string galleryId, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/gallery/{galleryId}");
        if (token is not null) request.Headers.Add(FarmHeaders.DeleteToken, token);
        return GalleryClient.SendAsync(request);
    }

    /// <summary>What a problem answer tells a caller, without its per-request trace id.</summary>
    public static async Task<string> ProblemShapeAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        return $"{(int)response.StatusCode} {root.GetProperty("code").GetString()} {root.GetProperty("title").GetString()}";
    }

    public async Task<JsonElement> GetStatusAsync(Guid id)
    {
        var body = await GatewayClient.GetStringAsync($"/api/portraits/{id}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public Task<JsonElement> WaitForEndAsync(Guid id, TimeSpan? timeout = null) =>
        Eventually.WaitForAsync(() => GetStatusAsync(id),
            status => JobStatus.IsTerminal(status.GetProperty("status").GetString()),
            timeout ?? TimeSpan.FromSeconds(120), $"job {id} to end");

    public Task<bool> SourceExistsAsync(Guid id) => Uploads.ExistsAsync(id);

    /// <summary>
    /// Whether the job's source photo is gone within a few seconds: a worker deletes it right after it records the
    /// job's end, so a client that has just seen the end may still find it for a few milliseconds.
    /// </summary>
    public async Task<bool> SourceGoneSoonAsync(Guid id)
    {
        try
        {
            await Eventually.WaitForAsync(() => SourceExistsAsync(id), exists => !exists, TimeSpan.FromSeconds(5), $"the source photo of job {id} to go");
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Fetches a painting through the Gallery service by the path of the URL the Gateway handed out.</summary>
    public Task<HttpResponseMessage> FetchImageAsync(string url) => GalleryClient.GetAsync(new Uri(url).PathAndQuery);

    /// <summary>
    /// Stores a painting as a worker leaves a succeeded job's — painting and thumbnail blobs, then the gallery item (and
    /// feed entry when listed) — under <paramref name="galleryId"/> (a fresh one when null), for tests of what happens to it next.
    /// </summary>
    public async Task<string> StorePaintingAsync(string? galleryId = null, DateTimeOffset? createdAt = null, bool listed = true, string deleteTokenHash = "")
    {
        var (id, bytes) = await StorePaintingImagesAsync(galleryId);
        await gallery.Services.GetRequiredService<GalleryStore>()
            .AddAsync(new GalleryItem(id, "udnie", createdAt ?? DateTimeOffset.UtcNow, listed, deleteTokenHash, bytes));
        return id;
    }

    /// <summary>
    /// Stores a painting's blobs alone, as a worker leaves them before its job's success writes the gallery item (a
    /// worker that dies there); returns the gallery id and the painting's size.
    /// </summary>
    public async Task<(string GalleryId, long Bytes)> StorePaintingImagesAsync(string? galleryId = null)
    {
        var id = galleryId ?? DeleteTokens.NewGalleryId();
        var bytes = await File.ReadAllBytesAsync(SharedData.Face("hopper.jpg"));
        await Containers.Gallery.GetBlobClient(FarmBlobContainers.PaintingBlobName(id)).UploadAsync(BinaryData.FromBytes(bytes), overwrite: true);
        await Containers.Gallery.GetBlobClient(FarmBlobContainers.ThumbnailBlobName(id)).UploadAsync(BinaryData.FromBytes(bytes), overwrite: true);
        return (id, bytes.Length);
    }

    /// <summary>All gallery ids in the public feed, following the cursor to the end.</summary>
    public async Task<List<string>> ReadWholeFeedAsync() =>
        [.. (await ReadWholeFeedItemsAsync()).Select(i => i.GetProperty("id").GetString()!)];

    /// <summary>All items of the public feed, following the cursor to the end, asking with <paramref name="host"/> as Host when given.</summary>
    public async Task<List<JsonElement>> ReadWholeFeedItemsAsync(string? host = null)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/gallery?limit=100" + (cursor is null ? "" : $"&before={cursor}"));
            if (host is not null) request.Headers.Host = host;
            using var response = await GalleryClient.SendAsync(request);
            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            items.AddRange(page.RootElement.GetProperty("items").EnumerateArray().Select(i => i.Clone()));
            cursor = page.RootElement.GetProperty("next").GetString();
        } while (cursor is not null);
        return items;
    }

    public async ValueTask DisposeAsync()
    {
        if (worker is not null) await worker.DisposeAsync();
        await gateway.DisposeAsync();
        await gallery.DisposeAsync();
        await TestQueues.DeleteAsync(Settings);
    }
}
