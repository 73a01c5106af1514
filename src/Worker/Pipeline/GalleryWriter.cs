using Azure.Storage.Blobs.Models;
using RenderFarm.Farm.Gallery;
using RenderFarm.Farm.Storage;

namespace RenderFarm.Worker.Pipeline;

/// <summary>
/// Stores a painting under its gallery id and records the gallery item (and feed entry when listed).
/// Blob names come from the job's reserved gallery id, so a redelivered job overwrites rather than duplicates.
/// </summary>
public sealed class GalleryWriter(FarmBlobContainers containers, GalleryStore gallery, TimeProvider time)
{
    public async Task WriteAsync(string galleryId, string style, bool listed, string deleteTokenHash, EncodedPainting painting, CancellationToken cancellationToken)
    {
        // Both images before the gallery item: the feed never points at a painting that is not stored yet.
        await Task.WhenAll(
            UploadAsync(FarmBlobContainers.PaintingBlobName(galleryId), painting.Image, cancellationToken),
            UploadAsync(FarmBlobContainers.ThumbnailBlobName(galleryId), painting.Thumbnail, cancellationToken));
        await gallery.AddAsync(new GalleryItem(galleryId, style, time.GetUtcNow(), listed, deleteTokenHash, painting.Image.LongLength));
    }

    // Only the content type: no blob metadata at all, so nothing about the job travels with the file. Caching is the
    // Gallery's to decide (Feed:ImageCacheControl), so a takedown is not outlived by a header stored here.
    async Task UploadAsync(string name, byte[] bytes, CancellationToken cancellationToken) =>
        await containers.Gallery.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(bytes), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "image/jpeg" },
        }, cancellationToken);
}
