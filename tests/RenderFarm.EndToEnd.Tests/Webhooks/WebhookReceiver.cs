using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace RenderFarm.EndToEnd.Tests.Webhooks;

/// <summary>A client's webhook endpoint on loopback: records every call and answers each path with its next status.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record ReceivedCall(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body);

    readonly WebApplication app;
    readonly ConcurrentDictionary<string, ConcurrentQueue<int>> answers = new();
    readonly ConcurrentQueue<ReceivedCall> calls = new();

    WebhookReceiver(WebApplication app) => this.app = app;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var path = context.Request.Path.Value!;
            receiver.calls.Enqueue(new ReceivedCall(path, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body.ToArray()));
            // The last answer given for a path repeats once its queue is down to one.
            var queue = receiver.answers.GetOrAdd(path, _ => new ConcurrentQueue<int>([200]));
            var status = queue.Count > 1 && queue.TryDequeue(out var next) ? next : queue.TryPeek(out var last) ? last : 200;
            context.Response.StatusCode = status;
        });
        await app.StartAsync();
        return receiver;
    }

    public string Url(string path) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + path;

    /// <summary>The statuses this path answers, in order; the last one repeats.</summary>
    public void Answer(string path, params int[] statuses) => answers[path] = new ConcurrentQueue<int>(statuses);

    public IReadOnlyList<ReceivedCall> CallsTo(string path) => [.. calls.Where(c => c.Path == path)];

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
