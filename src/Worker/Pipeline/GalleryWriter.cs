using Azure.Storage.Blobs.Models;
using RenderFarm.Farm.Gallery;
using RenderFarm.Farm.Storage;

namespace RenderFarm.Worker.Pipeline;

/// <summary>
/// Stores a painting's images under its gallery id and hands back its gallery item, which the job's success writes
/// (<see cref="RenderFarm.Farm.Jobs.JobStore.SucceedAsync"/>): only a job that succeeds shows in the gallery. Blob names
/// come from the job's reserved gallery id, so a redelivered job overwrites rather than duplicates.
/// </summary>
public sealed class GalleryWriter(FarmBlobContainers containers, GalleryStore gallery, TimeProvider time)
{
    public async Task<GalleryEntry> StoreAsync(string galleryId, string style, bool listed, string deleteTokenHash, EncodedPainting painting, CancellationToken cancellationToken)
    {
        // Both images before the gallery item: the feed never points at a painting that is not stored yet.
        await Task.WhenAll(
            UploadAsync(FarmBlobContainers.PaintingBlobName(galleryId), painting.Image, cancellationToken),
            UploadAsync(FarmBlobContainers.ThumbnailBlobName(galleryId), painting.Thumbnail, cancellationToken));
        return gallery.Entry(new GalleryItem(galleryId, style, time.GetUtcNow(), listed, deleteTokenHash, painting.Image.LongLength));
    }

    // Only the content type: no blob metadata at all, so nothing about the job travels with the file. Caching is the
    // Gallery's to decide (Feed:ImageCacheControl), so a takedown is not outlived by a header stored here.
    async Task UploadAsync(string name, byte[] bytes, CancellationToken cancellationToken) =>
        await containers.Gallery.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(bytes), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "image/jpeg" },
        }, cancellationToken);
}
