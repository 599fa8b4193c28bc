using System.Net;

namespace Simulator.EngineApi;

/// <summary>
/// The body of a <c>101 UPGRADED</c> response (<c>attach</c>, <c>exec start</c>): a session over a hijacked connection
/// that writes the container's output (8-byte multiplexed frames, raw with a TTY), reads stdin until the client
/// half-closes, goes on writing after that, and ends by closing the connection (moby
/// <c>api/server/router/container/container_routes.go</c> <c>postContainersAttach</c>, <c>postContainerExecStart</c>).
/// </summary>
/// <remarks>
/// In process, <see cref="OpenClientStream"/> runs the session on an in-memory connection and returns the client's
/// end; a socket server calls <see cref="ServeAsync"/> with the connection itself. A session runs once.
/// Thread-safe.
/// </remarks>
public sealed class UpgradedContent : HttpContent
{
    private readonly Func<Stream, CancellationToken, Task> _session;
    private int _started;

    internal UpgradedContent(Func<Stream, CancellationToken, Task> session, string contentType)
    {
        _session = session;
        Headers.TryAddWithoutValidation("Content-Type", contentType);
    }

    /// <summary>Runs the session on <paramref name="connection"/> (reads stdin from it, writes output to it); the caller closes it afterwards.</summary>
    /// <param name="connection">The hijacked connection.</param>
    /// <param name="cancellationToken">Ends the session early.</param>
    /// <returns>A task completing when the session ends (the process exited, or the container stopped).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The session ran already.</exception>
    public Task ServeAsync(Stream connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The upgraded session ran already.");
        }

        return _session(connection, cancellationToken);
    }

    /// <summary>Starts the session on an in-memory connection and returns the client's end: read the output, write stdin, <see cref="EngineApiDuplexStream.CloseWrite"/> for stdin's end.</summary>
    /// <returns>The client end; it reads end-of-stream when the session ends.</returns>
    /// <exception cref="InvalidOperationException">The session ran already.</exception>
    public EngineApiDuplexStream OpenClientStream()
    {
        var (client, server) = EngineApiDuplexStream.CreatePair();
        var session = ServeAsync(server);
        _ = session.ContinueWith(
            static (_, s) => ((EngineApiDuplexStream)s!).Dispose(),
            server,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return client;
    }

    /// <inheritdoc/>
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        using var client = OpenClientStream();
        client.CloseWrite();
        await client.CopyToAsync(stream).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(OpenClientStream());

    /// <inheritdoc/>
    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
