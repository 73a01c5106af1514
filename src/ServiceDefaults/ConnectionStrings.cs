using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace RenderFarm.ServiceDefaults;

/// <summary>
/// The connection string a service needs: on a developer machine (Development) the local default is fine; anywhere
/// else a missing one stops the service at start-up with the setting to fill in, instead of quietly dialling
/// 127.0.0.1 from a pod.
/// </summary>
public static class ConnectionStrings
{
    public static string Required(IConfiguration configuration, IHostEnvironment environment, string name, string developmentDefault) =>
        configuration.GetConnectionString(name) is { Length: > 0 } value ? value
        : environment.IsDevelopment() ? developmentDefault
        : throw new InvalidOperationException($"ConnectionStrings:{name} is not set (environment variable ConnectionStrings__{name}).");
}
