using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace RenderFarm.Gateway.Defences;

/// <summary>A client's rate-limit partition: an HMAC of its address, never the address itself.</summary>
public sealed class ClientKeys(IOptions<RateLimitOptions> options)
{
    readonly byte[] secret = Encoding.UTF8.GetBytes(options.Value.ClientKeySecret);

    public string For(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return Convert.ToHexString(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(address)), 0, 16);
    }
}
