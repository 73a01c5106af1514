using System.Net;
using RenderFarm.Gateway.Uploads;
using RenderFarm.TestSupport;

namespace RenderFarm.Gateway.Tests.Uploads;

/// <summary>
/// Multipart bodies over 64 KiB are buffered on disk. A Gateway process removes the buffer files that a dead Gateway
/// left (killed mid-upload: its files survive in the pod's /tmp) when it starts, and its own when each request ends.
/// </summary>
public sealed class UploadTempFolderTests
{
    [Fact]
    public async Task A_starting_gateway_deletes_a_dead_gateways_buffered_uploads_and_its_own_die_with_their_requests()
    {
        var tmp = ScratchDirectories.New("renderfarm-tmp-");
        var settings = FarmSettings.Create();
        settings["TMPDIR"] = tmp;
        // A Gateway that died mid-upload: its process id is long gone (above the kernel's pid_max), its file is not.
        var dead = Directory.CreateDirectory(Path.Combine(tmp, "renderfarm-uploads", "4194305")).FullName;
        var leftover = Path.Combine(dead, "ASPNETCORE_0a1b2c.tmp");
        await File.WriteAllBytesAsync(leftover, await File.ReadAllBytesAsync(SharedData.Face("hopper.jpg")));
        try
        {
            await using var gateway = ServiceProcess.Start("Gateway", settings);
            await gateway.WaitUntilHealthyAsync(TimeSpan.FromMinutes(2));

            Assert.False(File.Exists(leftover), "the dead Gateway's buffered photo is still on disk");
            var own = Path.Combine(tmp, "renderfarm-uploads", gateway.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(Directory.Exists(own), "the Gateway has no upload folder of its own");

            using var http = new HttpClient { BaseAddress = new Uri(gateway.BaseUrl) };
            var photo = SharedData.Face("astronaut.png"); // well over 64 KiB: buffered on disk
            Assert.True(new FileInfo(photo).Length > 64 * 1024);
            var form = PhotoForm.FromFile(photo);
            var body = await form.ReadAsByteArrayAsync();
            var gate = new GatedContent(body, body.Length / 2, form.Headers.ContentType!);
            var uploading = http.PostAsync("/api/portraits", gate);

            // Half the body is in: it is being buffered in this Gateway's own folder.
            await Eventually.WaitForAsync(() => Task.FromResult(Directory.GetFiles(own).Length), n => n == 1,
                TimeSpan.FromSeconds(10), "the upload to be buffered in the Gateway's folder");
            gate.Open();
            using var upload = await uploading;
            Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
            await Eventually.WaitForAsync(() => Task.FromResult(Directory.GetFiles(own).Length), n => n == 0,
                TimeSpan.FromSeconds(10), "the request's buffer file to be deleted");
        }
        finally
        {
            await TestQueues.DeleteAsync(settings);
            Directory.Delete(tmp, recursive: true);
        }
    }

    [Fact]
    public async Task Gateways_starting_together_sweep_the_same_dead_folders_without_failing()
    {
        var root = Path.Combine(ScratchDirectories.New("renderfarm-sweep-"), "renderfarm-uploads");
        try
        {
            for (var round = 0; round < 20; round++)
            {
                // Folders of dead Gateways (process ids above the kernel's pid_max), each with a buffered file.
                for (var pid = 4194305; pid < 4194305 + 16; pid++)
                {
                    var folder = Directory.CreateDirectory(Path.Combine(root, pid.ToString(System.Globalization.CultureInfo.InvariantCulture))).FullName;
                    await File.WriteAllBytesAsync(Path.Combine(folder, "ASPNETCORE_0a1b2c.tmp"), new byte[1024]);
                }
                using var start = new Barrier(4);

                await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
                {
                    start.SignalAndWait();
                    UploadTempFolder.DeleteLeftovers(root);
                })));

                Assert.Empty(Directory.EnumerateDirectories(root));
            }
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(root)!, recursive: true);
        }
    }

    /// <summary>Sends the first part of a body, then waits to be opened before sending the rest.</summary>
    sealed class GatedContent : HttpContent
    {
        readonly byte[] body;
        readonly int firstPart;
        readonly TaskCompletionSource opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public GatedContent(byte[] body, int firstPart, System.Net.Http.Headers.MediaTypeHeaderValue contentType)
        {
            (this.body, this.firstPart) = (body, firstPart);
            Headers.ContentType = contentType;
            Headers.ContentLength = body.Length;
        }

        public void Open() => opened.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(body.AsMemory(0, firstPart));
            await stream.FlushAsync();
            await opened.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await stream.WriteAsync(body.AsMemory(firstPart));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }
}
