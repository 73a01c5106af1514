using Azure.Storage.Blobs;
using RenderFarm.Farm.Storage;
using RenderFarm.Farm.Uploads;

namespace RenderFarm.Farm.Tests.Uploads;

/// <summary>The uploads store on the real Azurite started by ./farm test.</summary>
public sealed class UploadStoreTests : IAsyncLifetime
{
    readonly FarmBlobContainers containers = new(new BlobServiceClient(
        Environment.GetEnvironmentVariable("ConnectionStrings__blobs") ?? "UseDevelopmentStorage=true",
        new BlobClientOptions(BlobClientOptions.ServiceVersion.V2025_11_05)));
    UploadStore uploads = null!;

    public async Task InitializeAsync()
    {
        await containers.EnsureCreatedAsync(CancellationToken.None);
        uploads = new UploadStore(containers);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_photo_is_stored_under_its_job_id_alone_and_deleted_for_good()
    {
        var jobId = Guid.NewGuid();

        await uploads.PutAsync(jobId, [1, 2, 3], "image/png", CancellationToken.None);

        Assert.Equal([1, 2, 3], await uploads.GetAsync(jobId, CancellationToken.None));
        Assert.True(await containers.Uploads.GetBlobClient(jobId.ToString("N")).ExistsAsync()); // the name is the bare job id
        await uploads.DeleteAsync(jobId, CancellationToken.None);
        await uploads.DeleteAsync(jobId, CancellationToken.None); // a second delete is fine
        Assert.Null(await uploads.GetAsync(jobId, CancellationToken.None));
        Assert.False(await uploads.ExistsAsync(jobId));
    }

    [Fact]
    public async Task A_photo_of_many_network_reads_comes_back_byte_for_byte()
    {
        var jobId = Guid.NewGuid();
        var photo = new byte[3 * 1024 * 1024 + 7];
        new Random(15).NextBytes(photo);
        await uploads.PutAsync(jobId, photo, "image/jpeg", CancellationToken.None);

        var fetched = await uploads.GetAsync(jobId, CancellationToken.None);

        Assert.Equal(photo.Length, fetched!.Length);
        Assert.True(photo.AsSpan().SequenceEqual(fetched), "the photo's bytes changed on the way");
        await uploads.DeleteAsync(jobId, CancellationToken.None);
    }

    [Fact]
    public async Task Uploads_stored_before_a_time_are_found_with_their_job_ids_and_others_are_not()
    {
        var old = Guid.NewGuid();
        await uploads.PutAsync(old, [1], "image/png", CancellationToken.None);
        var stray = $"not-a-job-{Guid.NewGuid():N}";
        await containers.Uploads.GetBlobClient(stray).UploadAsync(BinaryData.FromBytes([2]));
        // The store's own clock (Azurite keeps whole seconds): a cutoff a second after the old upload, and the fresh
        // one made well after that.
        var stored = (await containers.Uploads.GetBlobClient(UploadStore.BlobName(old)).GetPropertiesAsync()).Value.CreatedOn;
        var cutoff = stored.AddSeconds(1);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var fresh = Guid.NewGuid();
        await uploads.PutAsync(fresh, [3], "image/png", CancellationToken.None);

        var stale = new List<StaleUpload>();
        await foreach (var upload in uploads.StoredBeforeAsync(cutoff, CancellationToken.None))
            stale.Add(upload);

        Assert.Contains(stale, u => u.JobId == old);
        Assert.Contains(stale, u => u.BlobName == stray && u.JobId is null);
        Assert.DoesNotContain(stale, u => u.JobId == fresh);
        foreach (var upload in stale.Where(u => u.JobId == old || u.BlobName == stray))
            await uploads.DeleteAsync(upload, CancellationToken.None);
        await uploads.DeleteAsync(fresh, CancellationToken.None);
    }
}
