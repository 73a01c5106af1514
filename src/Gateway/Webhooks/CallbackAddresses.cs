using System.Net;
using System.Net.Sockets;

namespace RenderFarm.Gateway.Webhooks;

/// <summary>
/// Which callback URLs and addresses the farm may call (SSRF): https only, no credentials in the URL, and never an
/// address inside a private network — loopback, RFC 1918, carrier-grade NAT, link-local (cloud metadata at
/// 169.254.169.254), unique-local IPv6, multicast, reserved. Names are checked again after DNS, at connect time, so a
/// public name that resolves to a private address is refused too.
/// </summary>
public static class CallbackAddresses
{
    public const int MaxLength = 2048;

    /// <summary>The URL to call, or why it may not be called.</summary>
    public static (Uri? Url, string? Problem) Check(string raw, bool allowPrivate)
    {
        if (raw.Length > MaxLength)
            return (null, $"The webhook URL is longer than {MaxLength} characters.");
        if (!Uri.TryCreate(raw, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
            return (null, "The webhook must be an absolute https URL.");
        if (url.Scheme == "http" && !allowPrivate)
            return (null, "The webhook must use https.");
        if (url.UserInfo.Length > 0)
            return (null, "The webhook URL may not carry a user name or password.");
        if (!allowPrivate && IsPrivateName(url))
            return (null, "The webhook points at a private, loopback or link-local address.");
        return (url, null);
    }

    static bool IsPrivateName(Uri url) =>
        url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            ? !IsPublic(IPAddress.Parse(url.IdnHost.Trim('[', ']')))
            : url.IdnHost.Equals("localhost", StringComparison.OrdinalIgnoreCase)
              || url.IdnHost.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
              || url.IdnHost.EndsWith(".internal", StringComparison.OrdinalIgnoreCase)
              || url.IdnHost.EndsWith(".local", StringComparison.OrdinalIgnoreCase)
              || !url.IdnHost.Contains('.');

    /// <summary>Whether an address is on the public internet (not loopback, private, link-local, shared, multicast or reserved).</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] is 0 or 10 or 127 or >= 224
                     || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)   // carrier-grade NAT
                     || (b[0] == 169 && b[1] == 254)                 // link-local, cloud metadata
                     || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                     || (b[0] == 192 && b[1] == 168)
                     || (b[0] == 192 && b[1] == 0 && b[2] == 0)      // IETF protocol assignments
                     || (b[0] == 198 && b[1] is 18 or 19));          // benchmarking
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return false;
        var v6 = address.GetAddressBytes();
        return !(address.Equals(IPAddress.IPv6Loopback) || address.Equals(IPAddress.IPv6None)
                 || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                 || (v6[0] & 0xFE) == 0xFC);                           // unique local fc00::/7
    }
}
