using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RenderFarm.TestSupport;

/// <summary>
/// A TCP relay between a service and a backing service (Redis) that can cut a connection at an exact moment: when the
/// client sends bytes containing a marker, that chunk is dropped and the connection closed, as a network blip would —
/// the only way to fail one particular command on a real server while the commands before it succeed.
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    readonly TcpListener listener = new(IPAddress.Loopback, 0);
    readonly int targetPort;
    readonly CancellationTokenSource stopping = new();
    readonly Task accepting;
    byte[]? cutMarker;
    int cuts;

    public TcpFaultProxy(int targetPort)
    {
        this.targetPort = targetPort;
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>How many connections were cut so far.</summary>
    public int Cuts => Volatile.Read(ref cuts);

    /// <summary>Cuts the next connection whose client sends <paramref name="marker"/> (once; later ones pass).</summary>
    public void CutOnceWhenClientSends(string marker) => Volatile.Write(ref cutMarker, Encoding.UTF8.GetBytes(marker));

    async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = RelayAsync(client);
        }
    }

    async Task RelayAsync(TcpClient client)
    {
        using var _ = client;
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, targetPort, stopping.Token);
            using var connection = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
            var up = CopyAsync(client.GetStream(), server.GetStream(), watch: true, connection.Token);
            var down = CopyAsync(server.GetStream(), client.GetStream(), watch: false, connection.Token);
            await Task.WhenAny(up, down);
            await connection.CancelAsync();
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
        {
            // A relay ends when either side goes away; that is its normal end.
        }
    }

    async Task CopyAsync(NetworkStream from, NetworkStream to, bool watch, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, cancellationToken);
                if (read == 0)
                    return;
                if (watch && Volatile.Read(ref cutMarker) is { } marker && buffer.AsSpan(0, read).IndexOf(marker) >= 0
                    && Interlocked.CompareExchange(ref cutMarker, null, marker) == marker)
                {
                    Interlocked.Increment(ref cuts);
                    return; // the chunk never reaches the server; both sockets close
                }
                await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The other direction closed the connection.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        stopping.Dispose();
    }
}
