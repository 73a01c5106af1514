using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RenderFarm.Farm.Painters;

namespace RenderFarm.Gateway.Tests.Styles;

/// <summary>GET /api/styles with the repo's manifest and the artworks in ../shared/styles.</summary>
public sealed class StylesApiTests(GatewayFixture<DefaultGatewaySettings> gateway) : GatewayHost(gateway)
{
    [Fact]
    public async Task Styles_list_auto_first_then_every_painter_in_the_curators_order()
    {
        var styles = await GetStylesAsync();

        var catalog = Services.GetRequiredService<PainterCatalog>();
        Assert.Equal(["auto", .. catalog.Painters.Select(p => p.Name)], styles.Select(s => s.GetProperty("name").GetString()));
        Assert.True(catalog.Artworks.Count() >= 10, $"only {catalog.Artworks.Count()} artworks found: are ../shared/styles and the stylizer there?");
    }

    [Fact]
    public async Task An_artwork_is_listed_with_its_artist_title_year_medium_attribution_and_image()
    {
        var rembrandt = (await GetStylesAsync()).Single(s => s.GetProperty("name").GetString() == "rembrandt-two-circles");

        Assert.Equal("Rembrandt", rembrandt.GetProperty("artist").GetString());
        Assert.Equal("Self-Portrait with Two Circles", rembrandt.GetProperty("title").GetString());
        Assert.Equal(1665, rembrandt.GetProperty("year").GetInt32());
        Assert.Equal("oil", rembrandt.GetProperty("medium").GetString());
        Assert.Equal("after Rembrandt, Self-Portrait with Two Circles (1665)", rembrandt.GetProperty("attribution").GetString());
        Assert.False(string.IsNullOrWhiteSpace(rembrandt.GetProperty("description").GetString()));
        Assert.StartsWith("/api/styles/rembrandt-two-circles/image", rembrandt.GetProperty("imageUrl").GetString());
    }

    [Fact]
    public async Task Every_listed_artwork_image_link_answers_with_an_image()
    {
        var artworks = (await GetStylesAsync()).Where(s => s.GetProperty("imageUrl").ValueKind == JsonValueKind.String).ToList();

        Assert.NotEmpty(artworks);
        foreach (var artwork in artworks)
        {
            using var response = await Client.GetAsync(artwork.GetProperty("imageUrl").GetString());
            Assert.True(response.IsSuccessStatusCode, $"{artwork.GetProperty("name")}: {(int)response.StatusCode}");
            Assert.StartsWith("image/", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory]
    [InlineData("auto", "auto")]
    [InlineData("ink", "ink")]
    [InlineData("oil", "oil")]
    public async Task A_painter_that_is_not_an_artwork_has_a_medium_but_no_artist_or_image(string name, string medium)
    {
        var style = (await GetStylesAsync()).Single(s => s.GetProperty("name").GetString() == name);

        Assert.Equal(medium, style.GetProperty("medium").GetString());
        foreach (var field in new[] { "artist", "title", "year", "attribution", "imageUrl" })
            Assert.Equal(JsonValueKind.Null, style.GetProperty(field).ValueKind);
    }

    async Task<IReadOnlyList<JsonElement>> GetStylesAsync()
    {
        using var body = JsonDocument.Parse(await Client.GetStringAsync("/api/styles"));
        return [.. body.RootElement.GetProperty("styles").EnumerateArray().Select(s => s.Clone())];
    }
}
