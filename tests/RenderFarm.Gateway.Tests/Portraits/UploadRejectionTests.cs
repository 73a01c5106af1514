using System.Net;
using System.Text.Json;
using RenderFarm.Contracts;
using RenderFarm.TestSupport;

namespace RenderFarm.Gateway.Tests.Portraits;

/// <summary>The Gateway over HTTP, on the real RabbitMQ, Redis and Azurite: bad uploads get problem+json codes.</summary>
public sealed class UploadRejectionTests(GatewayFixture<UploadRejectionTests.Settings> gateway) : GatewayHost<UploadRejectionTests.Settings>(gateway)
{
    public sealed class Settings : IGatewaySettings
    {
        public static void Configure(Dictionary<string, string?> settings) => settings["Uploads:MaxBytes"] = "320000";
    }

    [Theory]
    [InlineData("edge/empty.jpg", HttpStatusCode.BadRequest, ErrorCodes.EmptyFile)]
    [InlineData("edge/not-an-image.jpg", HttpStatusCode.UnsupportedMediaType, ErrorCodes.UnsupportedFormat)]
    [InlineData("exif/Landscape_8.jpg", HttpStatusCode.RequestEntityTooLarge, ErrorCodes.FileTooLarge)] // 352 KB > 320 KB limit
    [InlineData("edge/bomb-50000x50000-1bit.png", HttpStatusCode.RequestEntityTooLarge, ErrorCodes.TooManyPixels)]
    public async Task Bad_upload_gets_problem_json_with_a_code(string file, HttpStatusCode status, string code)
    {
        using var form = RenderFarm.TestSupport.PhotoForm.FromFile(Path.Combine(SharedData.Root, "testdata", file));

        var response = await Client.PostAsync("/api/portraits", form);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Unknown_style_is_refused()
    {
        using var form = RenderFarm.TestSupport.PhotoForm.FromFile(SharedData.Face("hopper.jpg"));
        form.Add(new StringContent("cubism"), "style");

        var response = await Client.PostAsync("/api/portraits", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(ErrorCodes.UnknownStyle, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Request_without_a_photo_is_refused()
    {
        using var form = new MultipartFormDataContent { { new StringContent("true"), "listed" } };

        var response = await Client.PostAsync("/api/portraits", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(ErrorCodes.MissingFile, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_job_is_404_problem()
    {
        var response = await Client.GetAsync($"/api/portraits/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(ErrorCodes.NotFound, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Accepted_upload_answers_202_with_location_and_delete_token()
    {
        using var form = RenderFarm.TestSupport.PhotoForm.FromFile(SharedData.Face("hopper.jpg"));

        var response = await Client.PostAsync("/api/portraits", form);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var id = body.RootElement.GetProperty("id").GetGuid();
        Assert.Equal($"/api/portraits/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(JobStatus.Queued, body.RootElement.GetProperty("status").GetString());
        Assert.True(body.RootElement.GetProperty("deleteToken").GetString()!.Length >= 40);
    }
}
