using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RenderFarm.Contracts;
using RenderFarm.TestSupport;

namespace RenderFarm.Gateway.Tests.Portraits;

/// <summary>Broken multipart bodies and slow uploads get a coded 4xx problem, never a 500, 413 or a bare 504.</summary>
public sealed class MalformedFormTests(GatewayFixture<DefaultGatewaySettings> gateway) : GatewayHost(gateway)
{
    const string Boundary = "renderfarm-test-boundary";

    static byte[] Photo => File.ReadAllBytes(SharedData.Face("hopper.jpg"));

    static string PartHeader(string extraHeader = "") =>
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"me.jpg\"\r\nContent-Type: image/jpeg\r\n{extraHeader}\r\n";

    static ByteArrayContent Body(string boundary, params byte[][] pieces)
    {
        var content = new ByteArrayContent([.. pieces.SelectMany(p => p)]);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
        return content;
    }

    static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    public static TheoryData<string, Func<HttpContent>> Broken => new()
    {
        { "cut before the closing boundary", () => Body(Boundary, Ascii(PartHeader()), Photo[..(Photo.Length / 2)]) },
        { "a part header over 16 KiB", () => Body(Boundary, Ascii(PartHeader($"X-Padding: {new string('a', 20_000)}\r\n")), Photo, Ascii($"\r\n--{Boundary}--\r\n")) },
        { "a boundary over 70 characters", () => Body(new string('b', 100), Ascii($"--{new string('b', 100)}\r\n"), Photo) },
        { "junk before the first boundary", () => Body(Boundary, Ascii(new string('j', 20_000) + "\r\n" + PartHeader()), Photo, Ascii($"\r\n--{Boundary}--\r\n")) },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public async Task A_broken_multipart_body_is_a_400_with_a_code(string what, Func<HttpContent> body)
    {
        using var content = body();

        var response = await Client.PostAsync("/api/portraits", content);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode}");
        Assert.Equal(ErrorCodes.MalformedForm, await CodeOfAsync(response));
    }

    [Fact]
    public async Task An_upload_slower_than_its_time_is_a_408_problem()
    {
        // Over TCP to a Gateway process (the in-memory test server reads a whole body before it answers), from a socket
        // that sends the start of a form and then stalls, as a client on a dead connection does.
        // A stalled body trips Kestrel's minimum data rate (1 KiB/s after a 5 s grace) long before the upload's time.
        var settings = FarmSettings.Create();
        settings["Uploads:Timeout"] = "00:00:30";
        await using var gateway = ServiceProcess.Start("Gateway", settings);
        await gateway.WaitUntilHealthyAsync(TimeSpan.FromMinutes(2), "/health/live");
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync("127.0.0.1", gateway.Port);
        var stream = tcp.GetStream();
        var start = Ascii(PartHeader());
        await stream.WriteAsync(Ascii($"POST /api/portraits HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary={Boundary}\r\n" +
            $"Content-Length: 200000\r\n\r\n"));
        await stream.WriteAsync(start);

        using var reading = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var answer = await ReadResponseAsync(stream, reading.Token);

        Assert.StartsWith("HTTP/1.1 408", answer);
        Assert.Contains("application/problem+json", answer);
        Assert.Contains($"\"code\":\"{ErrorCodes.RequestTimeout}\"", answer);
    }

    /// <summary>Everything the server sends until it closes the connection (or stops for a second after sending).</summary>
    static async Task<string> ReadResponseAsync(Stream stream, CancellationToken cancellationToken)
    {
        var received = new MemoryStream();
        var buffer = new byte[8192];
        while (true)
        {
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (received.Length > 0) quiet.CancelAfter(TimeSpan.FromSeconds(1));
            int read;
            try
            {
                read = await stream.ReadAsync(buffer, quiet.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (IOException) when (received.Length > 0)
            {
                break;
            }
            if (read == 0) break;
            received.Write(buffer, 0, read);
        }
        return Encoding.UTF8.GetString(received.ToArray());
    }

    static async Task<string?> CodeOfAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("code").GetString();
    }
}
