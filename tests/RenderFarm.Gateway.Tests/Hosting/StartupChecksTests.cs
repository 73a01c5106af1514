using Microsoft.Extensions.Options;
using RenderFarm.Gateway.Defences;
using RenderFarm.Gateway.Portraits;
using RenderFarm.TestSupport;

namespace RenderFarm.Gateway.Tests.Hosting;

/// <summary>A Production Gateway refuses settings that would be unsafe or cannot work, before it takes a request.</summary>
public class StartupChecksTests
{
    static Exception StartWith(string key, string? value)
    {
        var settings = FarmSettings.Create();
        settings[key] = value;
        using var host = new FarmHost<PortraitIntake>(settings);
        return Assert.ThrowsAny<Exception>(() => host.CreateClient());
    }

    [Fact]
    public void The_built_in_rate_limit_secret_stops_a_production_gateway()
    {
        var error = StartWith("RateLimiting:ClientKeySecret", RateLimitOptions.BuiltInSecret);

        Assert.IsType<OptionsValidationException>(error);
        Assert.Contains("ClientKeySecret is the built-in value", error.Message);
    }

    [Fact]
    public void An_upload_limit_of_zero_stops_the_gateway()
    {
        var error = StartWith("Uploads:MaxBytes", "0");

        Assert.Contains("MaxBytes", error.Message);
    }

    [Fact]
    public void A_missing_redis_connection_string_stops_a_production_gateway_with_the_setting_to_fill_in()
    {
        var error = StartWith("ConnectionStrings:redis", "");

        Assert.Contains("ConnectionStrings:redis is not set", error.ToString());
    }
}
