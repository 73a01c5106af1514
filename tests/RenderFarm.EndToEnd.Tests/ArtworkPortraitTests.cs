using System.Net;
using RenderFarm.Contracts;
using RenderFarm.TestSupport;

namespace RenderFarm.EndToEnd.Tests;

/// <summary>An artwork style through the real farm: the sitter is painted after the artwork, the photo's surroundings are not.</summary>
[Collection(FarmCollection.Name)]
public sealed class ArtworkPortraitTests
{
    [Fact]
    public async Task Sitter_is_painted_after_the_artwork_on_a_ground_and_the_striped_wall_behind_them_is_gone()
    {
        await using var farm = TestFarm.Start(FarmSettings.Create(TestManifests.Only("rembrandt-two-circles", "ink")));
        var photo = Path.Combine(ScratchDirectories.New("renderfarm-stripes-"), "sitter-on-stripes.png");
        await File.WriteAllBytesAsync(photo, TestPhotos.SitterOnStripes());

        var job = await farm.UploadAsync(photo, style: "rembrandt-two-circles");
        var status = await farm.WaitForEndAsync(job.Id);

        Assert.Equal(JobStatus.Succeeded, status.GetProperty("status").GetString());
        Assert.Equal("rembrandt-two-circles", status.GetProperty("style").GetString());
        Assert.StartsWith("person cut out", status.GetProperty("figure").GetString());
        Assert.True(await farm.SourceGoneSoonAsync(job.Id));
        var response = await farm.FetchImageAsync(status.GetProperty("imageUrl").GetString()!);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var painting = await response.Content.ReadAsByteArrayAsync();
        var stripes = TestPhotos.StripeAnisotropy(painting);
        Assert.True(stripes < 1.5, $"the striped wall shows through the painting (anisotropy {stripes:F2}; a full-frame painting measures above 30)");
    }

    [Fact]
    public async Task Auto_style_names_the_artwork_it_chose_and_why()
    {
        await using var farm = TestFarm.Start(FarmSettings.Create(TestManifests.Only("rembrandt-two-circles", "rembrandt-hundred-guilder", "ink")));

        var job = await farm.UploadAsync(SharedData.Face("camera.png")); // a black-and-white photo
        var status = await farm.WaitForEndAsync(job.Id);

        Assert.Equal(JobStatus.Succeeded, status.GetProperty("status").GetString());
        Assert.Equal("rembrandt-hundred-guilder", status.GetProperty("style").GetString());
        Assert.StartsWith("after Rembrandt, The Hundred Guilder Print (1648) (ink): a near-monochrome photo", status.GetProperty("styleReason").GetString());
    }
}
