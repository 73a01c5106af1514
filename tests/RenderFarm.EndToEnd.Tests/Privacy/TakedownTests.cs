using System.Net;
using RenderFarm.Contracts;
using RenderFarm.TestSupport;

namespace RenderFarm.EndToEnd.Tests.Privacy;

[Collection(SharedFarmCollection.Name)]
public sealed class TakedownTests(SharedFarm shared)
{
    [Fact]
    public async Task Takedown_needs_the_token_and_then_removes_images_and_feed_entry()
    {
        var farm = shared.Farm;
        var job = await farm.UploadAsync(SharedData.Face("hopper.jpg"), listed: true);
        var status = await farm.WaitForEndAsync(job.Id);
        var galleryId = status.GetProperty("galleryId").GetString()!;
        var imageUrl = status.GetProperty("imageUrl").GetString()!;
        Assert.Contains(galleryId, await farm.ReadWholeFeedAsync());

        var missing = await farm.TakeDownAsync(galleryId, null);
        var wrong = await farm.TakeDownAsync(galleryId, "guess");
        var unknown = await farm.TakeDownAsync("AAAAAAAAAAAAAAAAAAAAAA", job.DeleteToken);

        Assert.All([missing, wrong, unknown], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal(await TestFarm.ProblemShapeAsync(unknown), await TestFarm.ProblemShapeAsync(wrong));
        Assert.Equal(HttpStatusCode.OK, (await farm.FetchImageAsync(imageUrl)).StatusCode);

        var taken = await farm.TakeDownAsync(galleryId, job.DeleteToken);

        Assert.Equal(HttpStatusCode.NoContent, taken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await farm.FetchImageAsync(imageUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await farm.FetchImageAsync(status.GetProperty("thumbnailUrl").GetString()!)).StatusCode);
        Assert.DoesNotContain(galleryId, await farm.ReadWholeFeedAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await farm.TakeDownAsync(galleryId, job.DeleteToken)).StatusCode);
    }

    [Fact]
    public async Task Unlisted_painting_is_reachable_by_its_url_but_never_in_the_feed()
    {
        var farm = shared.Farm;
        var job = await farm.UploadAsync(SharedData.Face("hopper.jpg"));  // listed defaults to false

        var status = await farm.WaitForEndAsync(job.Id);

        Assert.Equal(JobStatus.Succeeded, status.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await farm.FetchImageAsync(status.GetProperty("imageUrl").GetString()!)).StatusCode);
        Assert.DoesNotContain(status.GetProperty("galleryId").GetString(), await farm.ReadWholeFeedAsync());
    }
}
