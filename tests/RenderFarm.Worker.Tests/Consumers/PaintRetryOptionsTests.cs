using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using RenderFarm.Farm.Jobs;
using RenderFarm.Worker.Consumers;

namespace RenderFarm.Worker.Tests.Consumers;

public class PaintRetryOptionsTests
{
    static PaintRetryOptions Bind(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(PaintRetryOptions.Section).Get<PaintRetryOptions>()
        ?? new PaintRetryOptions();

    [Fact]
    public void Without_settings_retries_span_most_of_an_uploads_life_and_end_before_it_expires()
    {
        var intervals = Bind([]).EffectiveIntervals;
        var total = intervals.Aggregate(TimeSpan.Zero, (sum, i) => sum + i);

        Assert.InRange(total, TimeSpan.FromMinutes(10), new JobOptions().UploadTtl - TimeSpan.FromMinutes(1));
        Assert.Equal(TimeSpan.FromSeconds(1), intervals[0]); // a blip costs a second, not a minute
    }

    [Fact]
    public void Configured_intervals_replace_the_default_rather_than_extend_it()
    {
        var options = Bind(new() { ["PaintRetry:Intervals:0"] = "00:00:02", ["PaintRetry:Intervals:1"] = "00:00:04" });

        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], options.EffectiveIntervals);
    }

    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("00:06:00")]
    public void An_interval_outside_zero_to_five_minutes_is_refused(string interval)
    {
        var options = Bind(new() { ["PaintRetry:Intervals:0"] = interval });

        var errors = options.Validate(new ValidationContext(options)).ToList();

        Assert.Contains(errors, e => e.MemberNames.Contains(nameof(PaintRetryOptions.Intervals)));
    }
}
