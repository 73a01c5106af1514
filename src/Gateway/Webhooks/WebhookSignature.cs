using System.Security.Cryptography;
using System.Text;

namespace RenderFarm.Gateway.Webhooks;

/// <summary>
/// How a callback proves it came from this farm: <c>RenderFarm-Signature: t=UNIX_SECONDS,v1=HEX</c>, where HEX is
/// HMAC-SHA256 with Webhooks:SigningSecret over "UNIX_SECONDS.BODY" (the body's exact bytes). A receiver recomputes it,
/// compares in constant time and refuses timestamps more than a few minutes old, which stops replays.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "RenderFarm-Signature";

    public static string Sign(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{unixSeconds}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return $"t={unixSeconds},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed))}";
    }
}
