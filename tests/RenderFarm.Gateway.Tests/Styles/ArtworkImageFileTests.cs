using System.Net;
using System.Text.Json;
using RenderFarm.Contracts;
using RenderFarm.Gateway.Portraits;
using RenderFarm.TestSupport;

namespace RenderFarm.Gateway.Tests.Styles;

/// <summary>
/// The artwork image when its file changes under a running Gateway (a copy of the Rembrandt in a folder of the
/// test's own): made once and kept, and where it cannot be made, a 404 and a warning, never a 500.
/// </summary>
public sealed class ArtworkImageFileTests : IAsyncLifetime
{
    const string Rembrandt = "rembrandt-two-circles";
    const string RembrandtFile = "oil-rembrandt-self-portrait-two-circles-1665.jpg";

    readonly string styles = ScratchDirectories.New("renderfarm-styles-");
    readonly CapturedLogs logs = new();
    FarmHost<PortraitIntake> host = null!;
    HttpClient client = null!;

    string ArtworkPath => Path.Combine(styles, RembrandtFile);

    public Task InitializeAsync()
    {
        File.Copy(Path.Combine(SharedData.Styles, RembrandtFile), ArtworkPath);
        host = new FarmHost<PortraitIntake>(
            FarmSettings.Create(TestManifests.Only(Rembrandt, "ink"), SharedData.RepoModels, SharedData.Models, styles), logs);
        client = host.CreateClient();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_vanished_artwork_file_is_404_with_a_warning_not_a_server_error()
    {
        Assert.Contains(Rembrandt, await client.GetStringAsync("/api/styles"));

        File.Delete(ArtworkPath);
        using var response = await client.GetAsync($"/api/styles/{Rembrandt}/image");

        await AssertNotFoundProblemAsync(response);
        Assert.Contains(logs.Records, r => r.StartsWith("Warning ") && r.Contains(RembrandtFile));
    }

    [Fact]
    public async Task A_file_that_does_not_match_its_checksum_is_not_shown_under_the_artworks_name()
    {
        File.Copy(Path.Combine(SharedData.Styles, "oil-rubens-le-chapeau-de-paille-1625.jpg"), ArtworkPath, overwrite: true);

        using var response = await client.GetAsync($"/api/styles/{Rembrandt}/image");

        await AssertNotFoundProblemAsync(response);
        Assert.Contains(logs.Records, r => r.StartsWith("Warning ") && r.Contains("SHA-256"));
    }

    [Fact]
    public async Task An_artwork_image_once_made_is_served_from_memory()
    {
        using var first = await client.GetAsync($"/api/styles/{Rembrandt}/image");
        var made = await first.Content.ReadAsByteArrayAsync();

        File.Delete(ArtworkPath);
        using var second = await client.GetAsync($"/api/styles/{Rembrandt}/image");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(made, await second.Content.ReadAsByteArrayAsync());
    }

    static async Task AssertNotFoundProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(ErrorCodes.NotFound, problem.RootElement.GetProperty("code").GetString());
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await host.DisposeAsync();
        Directory.Delete(styles, recursive: true);
    }
}
