using System.Net;
using System.Text.Json;
using RenderFarm.Contracts;
using RenderFarm.TestSupport;

namespace RenderFarm.Gateway.Tests.Portraits;

/// <summary>Idempotency-Key on the real Redis: a retried upload gets the same job, not a second one.</summary>
public sealed class IdempotencyTests(GatewayFixture<DefaultGatewaySettings> gateway) : GatewayHost(gateway)
{


    async Task<HttpResponseMessage> PostAsync(string file, string? key, string style = "auto")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/portraits") { Content = PhotoForm.FromFile(SharedData.Face(file), style) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return await Client.SendAsync(request);
    }

    static async Task<(Guid Id, string Token)> JobOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (json.RootElement.GetProperty("id").GetGuid(), json.RootElement.GetProperty("deleteToken").GetString()!);
    }

    [Fact]
    public async Task Retry_with_the_same_key_and_photo_returns_the_same_job_and_token()
    {
        var key = Guid.NewGuid().ToString();

        var first = await JobOf(await PostAsync("hopper.jpg", key));
        var retry = await JobOf(await PostAsync("hopper.jpg", key));

        Assert.Equal(first, retry);
    }

    [Fact]
    public async Task Same_key_with_another_photo_or_style_is_refused()
    {
        var key = Guid.NewGuid().ToString();
        await JobOf(await PostAsync("hopper.jpg", key));

        var otherPhoto = await PostAsync("astronaut.png", key);
        var otherStyle = await PostAsync("hopper.jpg", key, style: "ink");

        Assert.All([otherPhoto, otherStyle], r => Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode));
        Assert.Contains(ErrorCodes.IdempotencyKeyReused, await otherPhoto.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_a_key_each_upload_is_a_new_job()
    {
        var first = await JobOf(await PostAsync("hopper.jpg", null));
        var second = await JobOf(await PostAsync("hopper.jpg", null));

        Assert.NotEqual(first.Id, second.Id);
    }
}
