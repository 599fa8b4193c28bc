using System.Net.Sockets;

namespace Simulator.EngineApi.Internal;

/// <summary>The listeners' shared accept loop: hands each accepted socket to a callback until stopped or the listener closes.</summary>
internal static class AcceptLoop
{
    /// <summary>Accepts until <paramref name="stop"/> is cancelled or the listener is closed (those end the loop quietly).</summary>
    public static async Task RunAsync(Socket listener, CancellationToken stop, Action<Socket> accepted)
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stop).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            accepted(client);
        }
    }
}
