using System.Security.Cryptography;

namespace RenderFarm.Farm.Painters;

/// <summary>Where model files are looked for (Painters:ModelDirectories, in order) and how a pinned checksum is checked.</summary>
public static class ModelFiles
{
    /// <summary>The first directory that holds <paramref name="fileName"/>, as a full path; null when none does.</summary>
    public static string? Find(IEnumerable<string> directories, string fileName) =>
        directories.Select(d => Path.Combine(Path.GetFullPath(d), fileName)).FirstOrDefault(File.Exists);

    /// <summary>The file's SHA-256 when it differs from the pinned one (lower-case hex), or null when it matches.</summary>
    public static string? ChecksumMismatch(string path, string pinnedSha256) => ChecksumMismatch(File.ReadAllBytes(path), pinnedSha256);

    /// <summary>The bytes' SHA-256 when it differs from the pinned one (lower-case hex), or null when it matches: for a
    /// model opened from the very bytes that were checked.</summary>
    public static string? ChecksumMismatch(ReadOnlySpan<byte> model, string pinnedSha256)
    {
        var actual = Convert.ToHexStringLower(SHA256.HashData(model));
        return string.Equals(actual, pinnedSha256, StringComparison.OrdinalIgnoreCase) ? null : actual;
    }
}
