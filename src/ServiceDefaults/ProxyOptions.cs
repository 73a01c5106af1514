using System.ComponentModel.DataAnnotations;
using System.Net;

namespace RenderFarm.ServiceDefaults;

/// <summary>Which peers may tell a service who its client is. Section "Proxies".</summary>
public sealed class ProxyOptions : IValidatableObject
{
    public const string Section = "Proxies";

    /// <summary>
    /// Networks (CIDR, e.g. "10.244.0.0/16", the ingress controller's pods) whose X-Forwarded-For and
    /// X-Forwarded-Proto are believed. Empty, the default: no peer is, and the connection's address is the client's,
    /// so nobody can pick their own rate-limit partition by sending the header.
    /// </summary>
    public string[] TrustedNetworks { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var network in TrustedNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
            yield return new ValidationResult($"'{network}' is not a network in CIDR notation (like 10.244.0.0/16).", [nameof(TrustedNetworks)]);
    }
}
