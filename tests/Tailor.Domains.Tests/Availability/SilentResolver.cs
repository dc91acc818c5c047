using System.Net;
using System.Net.Sockets;

namespace Tailor.Domains.Tests.Availability;

/// <summary>A "resolver" that never answers: a UDP socket on loopback that reads and counts queries and drops them.</summary>
internal sealed class SilentResolver : IDisposable
{
    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _received;

    public SilentResolver()
    {
        Endpoint = (IPEndPoint)_socket.Client.LocalEndPoint!;
        _loop = Task.Run(DrainAsync);
    }

    public IPEndPoint Endpoint { get; }

    /// <summary>How many datagrams (queries, retries included) arrived.</summary>
    public int Received => Volatile.Read(ref _received);

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // The loop ends by its socket closing.
        }
        _stop.Dispose();
    }

    private async Task DrainAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await _socket.ReceiveAsync(_stop.Token);
                Interlocked.Increment(ref _received);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }
}
