using MassTransit;

namespace RenderFarm.Bus;

public static class UsageTelemetryExtensions
{
    /// <summary>
    /// MassTransit 8.4+ reports anonymous usage telemetry to its vendor unless told not to (seen here as
    /// UsageTracker.ReportUsageTelemetry failing to connect). A privacy-first farm sends nothing to anyone it did not
    /// choose, so every bus is registered with it off.
    /// </summary>
    public static IBusRegistrationConfigurator WithoutUsageTelemetry(this IBusRegistrationConfigurator bus) =>
        bus.ConfigureUsageTelemetryOptions(options => options.Enabled = false);
}
