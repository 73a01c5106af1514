using Azure.Storage.Blobs.Models;
using RenderFarm.Farm.Storage;

namespace RenderFarm.Farm.Gallery;

/// <summary>Removes a painting entirely: both image blobs (and their WebP names from before 0.10), the gallery item and its feed entry.</summary>
public sealed class GalleryPaintings(FarmBlobContainers containers, GalleryStore gallery)
{
    public async Task DeleteAsync(string galleryId, CancellationToken cancellationToken = default)
    {
        // Feed entry first: from this moment nobody is sent to the images.
        await gallery.RemoveAsync(galleryId);
        foreach (var name in (string[])[FarmBlobContainers.PaintingBlobName(galleryId), FarmBlobContainers.ThumbnailBlobName(galleryId),
                                        .. FarmBlobContainers.WebpBlobNames(galleryId)])
            await containers.Gallery.GetBlobClient(name)
                .DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
    }
}
