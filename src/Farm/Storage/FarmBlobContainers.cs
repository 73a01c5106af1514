using Azure.Storage.Blobs;

namespace RenderFarm.Farm.Storage;

/// <summary>The two containers: private short-lived uploads, and the gallery of paintings.</summary>
public sealed class FarmBlobContainers(BlobServiceClient service)
{
    public const string UploadsName = "uploads";
    public const string GalleryName = "gallery";

    public BlobContainerClient Uploads { get; } = service.GetBlobContainerClient(UploadsName);
    public BlobContainerClient Gallery { get; } = service.GetBlobContainerClient(GalleryName);

    public static string PaintingBlobName(string galleryId) => $"{galleryId}.webp";
    public static string ThumbnailBlobName(string galleryId) => $"{galleryId}-thumb.webp";

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        // Both private: the Gallery service streams paintings; nobody reads the store directly.
        await Uploads.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Gallery.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }
}
