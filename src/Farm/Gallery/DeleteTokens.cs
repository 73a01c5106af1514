using System.Security.Cryptography;
using System.Text;

namespace RenderFarm.Farm.Gallery;

/// <summary>The uploader's secret: handed out once, stored only as a SHA-256 hash, checked in constant time.</summary>
public static class DeleteTokens
{
    public static string Create() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>An unguessable identifier (128 random bits), unrelated to the job, file, time or client.</summary>
    public static string NewGalleryId() => Base64Url(RandomNumberGenerator.GetBytes(16));

    public static string Hash(string token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool Matches(string? presentedToken, string? storedHash)
    {
        if (string.IsNullOrEmpty(presentedToken) || string.IsNullOrEmpty(storedHash))
            return false;
        var presented = Encoding.ASCII.GetBytes(Hash(presentedToken));
        var stored = Encoding.ASCII.GetBytes(storedHash);
        return CryptographicOperations.FixedTimeEquals(presented, stored);
    }

    internal static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
