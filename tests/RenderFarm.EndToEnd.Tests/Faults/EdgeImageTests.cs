using RenderFarm.Contracts;
using RenderFarm.TestSupport;

namespace RenderFarm.EndToEnd.Tests.Faults;

[Collection(FarmCollection.Name)]
public sealed class EdgeImageTests
{
    [Fact]
    public async Task Every_decodable_edge_image_is_accepted_and_painted()
    {
        var settings = FarmSettings.OnlyPainter("udnie", 256, 320);
        await using var farm = TestFarm.Start(settings);
        string[] files = ["pil_sample_cmyk.jpg", "basn2c16.png", "basi0g08.png", "hopper_gray.jpg", "hopper.webp", "iss634.gif"];

        var jobs = new List<(string File, Guid Id)>();
        foreach (var file in files)
            jobs.Add((file, (await farm.UploadAsync(SharedData.Edge(file))).Id));

        foreach (var (file, id) in jobs)
        {
            var status = await farm.WaitForEndAsync(id);
            Assert.True(status.GetProperty("status").GetString() == JobStatus.Succeeded, $"{file}: {status}");
        }
    }
}
