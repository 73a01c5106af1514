using Azure.Storage.Blobs;

namespace RenderFarm.Farm.Storage;

/// <summary>
/// The two containers: private short-lived uploads, and the gallery of paintings. A service given the account
/// (Gateway, Worker) holds both; a service given only a gallery container SAS (the Gallery) holds no uploads client at
/// all, so no code path of it can reach a source photo.
/// </summary>
public sealed class FarmBlobContainers
{
    public const string UploadsName = "uploads";
    public const string GalleryName = "gallery";

    readonly BlobContainerClient? uploads;

    /// <summary>Both containers through the account's credentials (which may create them).</summary>
    public FarmBlobContainers(BlobServiceClient service)
    {
        uploads = service.GetBlobContainerClient(UploadsName);
        Gallery = service.GetBlobContainerClient(GalleryName);
    }

    /// <summary>The gallery container alone, through a container SAS (a URL with its token).</summary>
    public FarmBlobContainers(BlobContainerClient gallery) => Gallery = gallery;

    public BlobContainerClient Uploads => uploads
        ?? throw new InvalidOperationException("This service holds credentials for the gallery container only, not for uploads.");

    public BlobContainerClient Gallery { get; }

    public static string PaintingBlobName(string galleryId) => $"{galleryId}.jpg";
    public static string ThumbnailBlobName(string galleryId) => $"{galleryId}-thumb.jpg";

    /// <summary>Up to version 0.9.0 paintings were stored as WebP under these names; they are served and deleted still.</summary>
    public static IReadOnlyList<string> WebpBlobNames(string galleryId) => [$"{galleryId}.webp", $"{galleryId}-thumb.webp"];

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        // A container SAS cannot create containers: the services that hold the account (Gateway, Worker) do.
        if (uploads is null)
            return;
        // Both private: the Gallery service streams paintings; nobody reads the store directly.
        await Uploads.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Gallery.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    /// <summary>Throws unless every container this service holds answers with its credentials.</summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        if (uploads is not null)
        {
            await Uploads.GetPropertiesAsync(cancellationToken: cancellationToken);
            await Gallery.GetPropertiesAsync(cancellationToken: cancellationToken);
            return;
        }
        // A service SAS may not read container properties; asking for a blob that is not there proves both the
        // store and the token (404 is an answer, 403 throws).
        await Gallery.GetBlobClient("readiness-probe").ExistsAsync(cancellationToken);
    }
}
