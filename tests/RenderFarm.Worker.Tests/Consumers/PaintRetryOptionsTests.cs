using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using RenderFarm.Worker.Consumers;

namespace RenderFarm.Worker.Tests.Consumers;

public class PaintRetryOptionsTests
{
    static PaintRetryOptions Bind(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(PaintRetryOptions.Section).Get<PaintRetryOptions>()
        ?? new PaintRetryOptions();

    [Fact]
    public void Without_settings_a_job_is_retried_five_times_over_about_forty_seconds()
    {
        var intervals = Bind([]).EffectiveIntervals;

        Assert.Equal(5, intervals.Length);
        Assert.Equal(TimeSpan.FromSeconds(40), intervals.Aggregate(TimeSpan.Zero, (sum, i) => sum + i));
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
