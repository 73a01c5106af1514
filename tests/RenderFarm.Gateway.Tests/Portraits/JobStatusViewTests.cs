using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RenderFarm.Contracts;
using RenderFarm.Farm.Jobs;

namespace RenderFarm.Gateway.Tests.Portraits;

/// <summary>
/// What the status view says about a painted job: the job record is written to the real Redis with the JobStore, as
/// a Worker finishing the job writes it, and read back through GET /api/portraits/{id} and its event stream.
/// </summary>
public sealed class JobStatusViewTests(GatewayFixture<DefaultGatewaySettings> gateway) : GatewayHost(gateway)
{
    const string Figure = "person cut out (38% of the frame) and set on a dark studio ground";

    [Fact]
    public async Task A_portrait_painted_after_an_artwork_names_the_artwork_and_how_the_figure_was_set()
    {
        var id = await PaintedJobAsync("rembrandt-two-circles", "requested by the uploader");

        var view = await GetViewAsync(id);

        Assert.Equal("rembrandt-two-circles", view.GetProperty("style").GetString());
        Assert.Equal(Figure, view.GetProperty("figure").GetString());
        var artwork = view.GetProperty("artwork");
        Assert.Equal("Rembrandt", artwork.GetProperty("artist").GetString());
        Assert.Equal("Self-Portrait with Two Circles", artwork.GetProperty("title").GetString());
        Assert.Equal(1665, artwork.GetProperty("year").GetInt32());
        Assert.Equal("oil", artwork.GetProperty("medium").GetString());
        Assert.Equal("after Rembrandt, Self-Portrait with Two Circles (1665)", artwork.GetProperty("attribution").GetString());
        Assert.StartsWith("/api/styles/rembrandt-two-circles/image", artwork.GetProperty("imageUrl").GetString());
    }

    [Fact]
    public async Task A_portrait_by_a_built_in_painter_has_no_artwork()
    {
        var id = await PaintedJobAsync("ink", "a grey photo (colourfulness 4), so ink");

        var view = await GetViewAsync(id);

        Assert.Equal("ink", view.GetProperty("style").GetString());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("artwork").ValueKind);
        Assert.Equal(Figure, view.GetProperty("figure").GetString());
    }

    [Fact]
    public async Task A_queued_portrait_has_neither_artwork_nor_figure_yet()
    {
        var id = Guid.NewGuid();
        await Jobs.CreateAsync(new JobRecord { Id = id, Status = JobStatus.Queued, RequestedStyle = "rembrandt-two-circles", SubmittedAt = DateTimeOffset.UtcNow });

        var view = await GetViewAsync(id);

        Assert.Equal(JsonValueKind.Null, view.GetProperty("artwork").ValueKind);
        Assert.Equal(JsonValueKind.Null, view.GetProperty("figure").ValueKind);
    }

    [Fact]
    public async Task The_event_stream_sends_the_same_view_with_artwork_and_figure()
    {
        var id = await PaintedJobAsync("rembrandt-two-circles", "requested by the uploader");

        var polled = await GetViewAsync(id);
        var streamed = await SingleStatusEventAsync(id);

        Assert.Equal(polled.GetProperty("artwork").GetRawText(), streamed.GetProperty("artwork").GetRawText());
        Assert.Equal(Figure, streamed.GetProperty("figure").GetString());
    }

    JobStore Jobs => Services.GetRequiredService<JobStore>();

    /// <summary>A job as a Worker leaves it after painting it with <paramref name="style"/>.</summary>
    async Task<Guid> PaintedJobAsync(string style, string reason)
    {
        var id = Guid.NewGuid();
        await Jobs.CreateAsync(new JobRecord { Id = id, Status = JobStatus.Queued, SubmittedAt = DateTimeOffset.UtcNow });
        Assert.True((await Jobs.ClaimAsync(id, DateTimeOffset.UtcNow)).Claimed);
        Assert.True((await WorkerSteps.SucceedAsync(Services, id, style, reason, Figure)).Applied);
        return id;
    }

    async Task<JsonElement> GetViewAsync(Guid id)
    {
        using var body = JsonDocument.Parse(await Client.GetStringAsync($"/api/portraits/{id}"));
        return body.RootElement.Clone();
    }

    async Task<JsonElement> SingleStatusEventAsync(Guid id)
    {
        var stream = await Client.GetStringAsync($"/api/portraits/{id}/events").WaitAsync(TimeSpan.FromSeconds(15));
        var data = stream.Split('\n').Where(l => l.StartsWith("data: ")).ToList();
        Assert.Single(data);
        return JsonDocument.Parse(data[0]["data: ".Length..]).RootElement.Clone();
    }
}
