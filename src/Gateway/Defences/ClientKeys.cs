using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace RenderFarm.Gateway.Defences;

/// <summary>
/// A client's rate-limit partition: an HMAC of its address (of its IPv6 prefix), never the address itself.
/// </summary>
public sealed class ClientKeys(IOptions<RateLimitOptions> options)
{
    readonly byte[] secret = Encoding.UTF8.GetBytes(options.Value.ClientKeySecret);
    readonly int ipv6PrefixLength = options.Value.Ipv6PrefixLength;

    /// <summary>The request's client key, computed once per request: the rate limiter and the intake both ask.</summary>
    public string For(HttpContext context)
    {
        if (context.Items[typeof(ClientKeys)] is string known)
            return known;
        var key = Convert.ToHexString(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(Partition(context.Connection.RemoteIpAddress, ipv6PrefixLength))), 0, 16);
        context.Items[typeof(ClientKeys)] = key;
        return key;
    }

    /// <summary>
    /// What one client is: an IPv4 address (also when it arrives IPv4-mapped), or the IPv6 network of the given prefix
    /// length that holds the address.
    /// </summary>
    public static string Partition(IPAddress? address, int ipv6PrefixLength)
    {
        if (address is null)
            return "unknown";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        var bytes = address.GetAddressBytes();
        for (var bit = ipv6PrefixLength; bit < 128; bit++)
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        return $"{new IPAddress(bytes)}/{ipv6PrefixLength}";
    }
}
