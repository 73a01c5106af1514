using Azure.Storage.Blobs.Models;
using RenderFarm.Farm.Storage;

namespace RenderFarm.Farm.Gallery;

/// <summary>Removes a painting entirely: both image blobs, the gallery item and its feed entry.</summary>
public sealed class GalleryPaintings(FarmBlobContainers containers, GalleryStore gallery)
{
    public async Task DeleteAsync(string galleryId, CancellationToken cancellationToken = default)
    {
        // Feed entry first: from this moment nobody is sent to the images.
        await gallery.RemoveAsync(galleryId);
        await containers.Gallery.GetBlobClient(FarmBlobContainers.PaintingBlobName(galleryId))
            .DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
        await containers.Gallery.GetBlobClient(FarmBlobContainers.ThumbnailBlobName(galleryId))
            .DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
    }
}
