using System.ComponentModel.DataAnnotations;

namespace RenderFarm.ServiceDefaults;

/// <summary>
/// Where /health/* and /metrics answer. Section "Management". With a port set (Kubernetes: 9090, listed in Urls beside
/// the public port), they answer only there: the public Ingress, which routes to the public port, cannot reach them,
/// and each readiness call (Redis, two containers, the broker) is not free for anyone to make.
/// </summary>
public sealed class ManagementOptions
{
    public const string Section = "Management";

    /// <summary>The port health checks and metrics are served on; 0 (a developer machine) serves them on every port.</summary>
    [Range(0, 65535)]
    public int Port { get; set; }
}
