using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace RenderFarm.Gateway.Portraits;

/// <summary>
/// Remembers, for 24 hours, which job an Idempotency-Key created, so a retried upload gets the same job instead of a
/// second one. The Redis key is a hash of the client's key, and the job's delete token is kept only encrypted (AES-GCM)
/// with a key derived from the client's key: whoever reads Redis can neither find a client's key nor read tokens.
/// </summary>
public sealed class IdempotencyStore(IConnectionMultiplexer redis)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(2);

    IDatabase Db => redis.GetDatabase();

    static RedisKey Key(string clientKey) => $"idem:{Hex("lookup:" + clientKey)}";

    /// <summary>Claims the key for a new job, or says what an earlier request with it already did.</summary>
    public async Task<IdempotencyClaim> ClaimAsync(string clientKey, string requestHash)
    {
        if (await Db.StringSetAsync(Key(clientKey), $"pending|{requestHash}", PendingLifetime, When.NotExists))
            return IdempotencyClaim.New();

        var value = (string?)await Db.StringGetAsync(Key(clientKey));
        if (value is null)
            return await ClaimAsync(clientKey, requestHash); // expired between the two calls
        var parts = value.Split('|');
        if (parts[1] != requestHash)
            return IdempotencyClaim.Mismatch();
        if (parts[0] == "pending")
            return IdempotencyClaim.InProgress();
        var token = Decrypt(clientKey, Convert.FromBase64String(parts[3]));
        return IdempotencyClaim.Replay(Guid.Parse(parts[2]), token);
    }

    public Task CompleteAsync(string clientKey, string requestHash, Guid jobId, string deleteToken) =>
        Db.StringSetAsync(Key(clientKey), $"done|{requestHash}|{jobId}|{Convert.ToBase64String(Encrypt(clientKey, deleteToken))}", Lifetime);

    /// <summary>The request failed without creating a job: a retry may try again.</summary>
    public Task ReleaseAsync(string clientKey) => Db.KeyDeleteAsync(Key(clientKey));

    public static string HashRequest(byte[] photo, string style, bool listed, Uri? webhook = null)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(photo);
        sha.AppendData(Encoding.UTF8.GetBytes($"|{style}|{listed}|{webhook?.AbsoluteUri}"));
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    static byte[] Encrypt(string clientKey, string token)
    {
        var plain = Encoding.UTF8.GetBytes(token);
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var cipher = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using var aes = new AesGcm(EncryptionKey(clientKey), tag.Length);
        aes.Encrypt(nonce, plain, cipher, tag);
        return [.. nonce, .. tag, .. cipher];
    }

    static string Decrypt(string clientKey, byte[] sealedToken)
    {
        var nonce = sealedToken.AsSpan(0, AesGcm.NonceByteSizes.MaxSize);
        var tag = sealedToken.AsSpan(nonce.Length, AesGcm.TagByteSizes.MaxSize);
        var cipher = sealedToken.AsSpan(nonce.Length + tag.Length);
        var plain = new byte[cipher.Length];
        using var aes = new AesGcm(EncryptionKey(clientKey), tag.Length);
        aes.Decrypt(nonce, cipher, tag, plain);
        return Encoding.UTF8.GetString(plain);
    }

    static byte[] EncryptionKey(string clientKey) => SHA256.HashData(Encoding.UTF8.GetBytes("encrypt:" + clientKey));

    static string Hex(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
