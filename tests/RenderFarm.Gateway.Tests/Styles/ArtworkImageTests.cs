using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using RenderFarm.Contracts;
using RenderFarm.TestSupport;
using SkiaSharp;

namespace RenderFarm.Gateway.Tests.Styles;

/// <summary>GET /api/styles/{name}/image: the artwork's small image, from the real file in ../shared/styles.</summary>
public sealed class ArtworkImageTests(GatewayFixture<DefaultGatewaySettings> gateway) : GatewayHost(gateway)
{
    const string Rembrandt = "rembrandt-two-circles";
    const string RembrandtSha256 = "fc7fd72d0a44fcc5b3dea80fecc1bdf05294b6f9c7e496b04920f99266a78136";

    [Fact]
    public async Task Artwork_image_is_a_small_decodable_picture_without_metadata()
    {
        using var response = await Client.GetAsync($"/api/styles/{Rembrandt}/image");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/webp", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.InRange(bytes.Length, 1_000, 60_000);
        using var image = SKBitmap.Decode(bytes);
        Assert.NotNull(image);
        Assert.True(image.Width <= 240 && image.Height <= 300, $"{image.Width}x{image.Height} does not fit 240x300");
        Assert.True(image.Width == 240 || image.Height == 300, $"{image.Width}x{image.Height} does not fill 240x300 on either side");
        Assert.Empty(WebpContainer.Parse(bytes).MetadataFound());
    }

    [Fact]
    public async Task Artwork_image_is_cached_a_day_under_a_strong_etag_from_its_checksum()
    {
        using var response = await Client.GetAsync($"/api/styles/{Rembrandt}/image");

        var etag = response.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.Contains(RembrandtSha256, etag.Tag);
        var cache = response.Headers.CacheControl!;
        Assert.True(cache.Public);
        Assert.Equal(TimeSpan.FromDays(1), cache.MaxAge);
        Assert.Contains(cache.Extensions, e => e.Name == "immutable");
    }

    [Fact]
    public async Task Revalidating_with_the_etag_answers_304_without_a_body()
    {
        using var first = await Client.GetAsync($"/api/styles/{Rembrandt}/image");
        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/styles/{Rembrandt}/image");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var response = await Client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, response.Headers.ETag);
        Assert.Equal("public, max-age=86400, immutable", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Another_etag_gets_the_image_again()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/styles/{Rembrandt}/image");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"an-older-picture\""));

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("cubism")]
    [InlineData("auto")]
    [InlineData("ink")]
    [InlineData("oil")]
    public async Task Unknown_names_and_painters_that_are_not_artworks_are_404_problems(string name)
    {
        using var response = await Client.GetAsync($"/api/styles/{name}/image");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(ErrorCodes.NotFound, problem.RootElement.GetProperty("code").GetString());
    }
}
