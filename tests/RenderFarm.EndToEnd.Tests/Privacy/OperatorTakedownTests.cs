using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RenderFarm.Contracts;
using RenderFarm.Farm.Gallery;
using RenderFarm.Farm.Storage;
using RenderFarm.TestSupport;

namespace RenderFarm.EndToEnd.Tests.Privacy;

/// <summary>
/// Operators take any painting down with the admin key from a Secret (an abuse report, a legal request), never
/// without it; paintings older than Gallery:RetentionDays are swept, listed or not, and younger ones stay.
/// </summary>
[Collection(FarmCollection.Name)]
public sealed class OperatorTakedownTests
{
    const string AdminKey = "test-admin-key-0123456789";

    static Task<bool> GoneAsync(TestFarm farm, string id) =>
        farm.GalleryServices.GetRequiredService<GalleryStore>().GetAsync(id).ContinueWith(t => t.Result is null);

    static async Task<HttpResponseMessage> AdminDeleteAsync(TestFarm farm, string id, string? key, string reason = "abuse")
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/admin/gallery/{id}?reason={reason}");
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await farm.GalleryClient.SendAsync(request);
    }

    [Fact]
    public async Task An_operator_takes_any_painting_down_with_the_admin_key_and_only_with_it()
    {
        var settings = FarmSettings.OnlyPainter("udnie");
        settings["Gallery:AdminKey"] = AdminKey;
        await using var farm = TestFarm.Start(settings, withWorker: false);
        var id = await farm.StorePaintingAsync();

        foreach (var wrong in new[] { null, "not-the-key" })
        {
            using var refused = await AdminDeleteAsync(farm, id, wrong);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal(ErrorCodes.Unauthorized, JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        }
        Assert.False(await GoneAsync(farm, id));

        using var takenDown = await AdminDeleteAsync(farm, id, AdminKey, "legal");
        Assert.Equal(HttpStatusCode.NoContent, takenDown.StatusCode);
        Assert.True(await GoneAsync(farm, id));
        Assert.False(await farm.Containers.Gallery.GetBlobClient(FarmBlobContainers.PaintingBlobName(id)).ExistsAsync());
        using var again = await AdminDeleteAsync(farm, id, AdminKey);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Paintings_older_than_the_retention_are_swept_and_younger_ones_stay()
    {
        var settings = FarmSettings.OnlyPainter("udnie");
        settings["Gallery:RetentionDays"] = "30";
        settings["Gallery:RetentionSweepInterval"] = "00:00:01";
        await using var farm = TestFarm.Start(settings, withWorker: false);
        var old = await farm.StorePaintingAsync(createdAt: DateTimeOffset.UtcNow.AddDays(-31));
        var oldUnlisted = await farm.StorePaintingAsync(createdAt: DateTimeOffset.UtcNow.AddDays(-45), listed: false);
        var young = await farm.StorePaintingAsync(createdAt: DateTimeOffset.UtcNow.AddDays(-29));

        await Eventually.WaitForAsync(async () => await GoneAsync(farm, old) && await GoneAsync(farm, oldUnlisted), gone => gone,
            TimeSpan.FromSeconds(20), "the old paintings to be swept");

        Assert.False(await farm.Containers.Gallery.GetBlobClient(FarmBlobContainers.PaintingBlobName(old)).ExistsAsync());
        Assert.False(await GoneAsync(farm, young));
    }
}
