using System.Net.ServerSentEvents;
using System.Text.Json;

namespace RenderFarm.Gateway.Tests.Portraits;

/// <summary>A client of GET /api/portraits/{id}/events, reading its "status" events one at a time with .NET's SSE parser.</summary>
public sealed class StatusEventReader : IAsyncDisposable
{
    readonly HttpResponseMessage response;
    readonly IAsyncEnumerator<SseItem<string>> events;

    StatusEventReader(HttpResponseMessage response, Stream body)
    {
        this.response = response;
        events = SseParser.Create(body).EnumerateAsync().GetAsyncEnumerator();
    }

    public static async Task<StatusEventReader> OpenAsync(HttpClient client, Guid jobId)
    {
        var response = await client.GetAsync($"/api/portraits/{jobId}/events", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new StatusEventReader(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next status view, or null when the stream ended; a <see cref="TimeoutException"/> if none came within <paramref name="within"/>.</summary>
    public async Task<JsonElement?> NextAsync(TimeSpan within)
    {
        if (!await events.MoveNextAsync().AsTask().WaitAsync(within))
            return null;
        Assert.Equal("status", events.Current.EventType);
        using var view = JsonDocument.Parse(events.Current.Data);
        return view.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        response.Dispose();
        await events.DisposeAsync();
    }
}
