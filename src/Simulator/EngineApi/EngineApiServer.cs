using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Simulator.EngineApi.Internal;

namespace Simulator.EngineApi;

/// <summary>
/// The Engine API on a Unix socket or a loopback TCP port (<c>DOCKER_HOST=unix:///tmp/sim.sock</c>), for the real
/// <c>docker</c> CLI and any other client: a minimal HTTP/1.1 server over <see cref="Socket"/> serving an
/// <see cref="EngineApiHandler"/>.
/// </summary>
/// <remarks>
/// <para>
/// Keep-alive connections, <c>Content-Length</c> and chunked request bodies, chunked streamed responses flushed per
/// write, and <c>101 UPGRADED</c> hijacks that go on writing after the client half-closes its side (the docker CLI
/// does <c>shutdown(SHUT_WR)</c> right after an attach upgrade; ASP.NET Core's Kestrel drops such connections, see
/// dotnet/aspnetcore#24462, hence this server). No TLS.
/// </para>
/// <para>Thread-safety: connections are served concurrently; <see cref="DisposeAsync"/> stops listening and closes them.</para>
/// </remarks>
public sealed class EngineApiServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly HttpMessageInvoker _invoker;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly List<Socket> _connections = [];
    private readonly string? _socketPath;

    private EngineApiServer(Socket listener, HttpMessageHandler handler, Uri endpoint, string? socketPath)
    {
        _listener = listener;
        _invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        Endpoint = endpoint;
        _socketPath = socketPath;
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>Where clients connect: <c>unix:///path</c> or <c>tcp://127.0.0.1:port</c> (a <c>DOCKER_HOST</c> value).</summary>
    public Uri Endpoint { get; }

    /// <summary>
    /// Listens on a Unix domain socket (an existing socket file at <paramref name="path"/> is replaced); the path also appears
    /// as an empty file on the engine's default in-memory host, so a bind of the socket (Testcontainers' ryuk) finds its source.
    /// </summary>
    /// <param name="handler">The API (usually an <see cref="EngineApiHandler"/>).</param>
    /// <param name="path">The socket file path, e.g. <c>/tmp/dsim.sock</c>.</param>
    /// <returns>The running server.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="SocketException">The socket cannot be bound.</exception>
    public static EngineApiServer ListenUnix(HttpMessageHandler handler, string path)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        socket.Listen(64);
        EngineApiHandler.Find(handler)?.PublishSocket(path);
        return new EngineApiServer(socket, handler, new Uri("unix://" + path), path);
    }

    /// <summary>
    /// Listens on a TCP endpoint (use a loopback address; port 0 picks a free port); <c>/var/run/docker.sock</c> appears as an
    /// empty file on the engine's default in-memory host (a client's bind of the daemon socket finds its source).
    /// </summary>
    /// <param name="handler">The API (usually an <see cref="EngineApiHandler"/>).</param>
    /// <param name="endpoint">The address and port, e.g. <c>127.0.0.1:2375</c>.</param>
    /// <returns>The running server; <see cref="Endpoint"/> has the bound port.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="SocketException">The port cannot be bound.</exception>
    public static EngineApiServer ListenTcp(HttpMessageHandler handler, IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(endpoint);
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(endpoint);
        socket.Listen(64);
        EngineApiHandler.Find(handler)?.PublishSocket("/var/run/docker.sock");
        var bound = (IPEndPoint)socket.LocalEndPoint!;
        return new EngineApiServer(socket, handler, new Uri("tcp://" + bound), null);
    }

    /// <summary>Stops listening, closes open connections and removes the socket file.</summary>
    /// <returns>A task completing when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping.
        }

        lock (_connections)
        {
            foreach (var c in _connections)
            {
                c.Dispose();
            }

            _connections.Clear();
        }

        _invoker.Dispose();
        if (_socketPath is not null && File.Exists(_socketPath))
        {
            File.Delete(_socketPath);
        }

        _stop.Dispose();
    }

    private Task AcceptLoopAsync() => AcceptLoop.RunAsync(_listener, _stop.Token, client =>
    {
        lock (_connections)
        {
            _connections.Add(client);
        }

        _ = Task.Run(() => ServeConnectionAsync(client));
    });

    private async Task ServeConnectionAsync(Socket socket)
    {
        var stream = new NetworkStream(socket, ownsSocket: false);
        var reader = new HttpReader(stream);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var request = await reader.ReadRequestAsync(_stop.Token).ConfigureAwait(false);
                if (request is null)
                {
                    return;
                }

                bool close = request.Headers.ConnectionClose == true;
                using var response = await _invoker.SendAsync(request, _stop.Token).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.SwitchingProtocols && response.Content is UpgradedContent upgraded)
                {
                    await WriteHeadAsync(stream, response, null, chunked: false).ConfigureAwait(false);
                    await upgraded.ServeAsync(stream, _stop.Token).ConfigureAwait(false);
                    await stream.FlushAsync().ConfigureAwait(false);
                    return;
                }

                bool head = request.Method == HttpMethod.Head;
                bool bodyless = response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.NotModified;
                long? length = response.Content?.Headers.ContentLength;
                if (bodyless || response.Content is null)
                {
                    await WriteHeadAsync(stream, response, bodyless ? null : 0, chunked: false).ConfigureAwait(false);
                }
                else if (length is not null)
                {
                    await WriteHeadAsync(stream, response, length, chunked: false).ConfigureAwait(false);
                    if (!head)
                    {
                        await response.Content.CopyToAsync(stream, _stop.Token).ConfigureAwait(false);
                    }
                }
                else
                {
                    await WriteHeadAsync(stream, response, null, chunked: true).ConfigureAwait(false);
                    var chunked = new ChunkedWriteStream(stream);
                    await response.Content.CopyToAsync(chunked, _stop.Token).ConfigureAwait(false);
                    await chunked.FinishAsync().ConfigureAwait(false);
                }

                await stream.FlushAsync().ConfigureAwait(false);
                if (close)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or HttpRequestException or InvalidDataException)
        {
            // The client went away or sent something unreadable.
        }
        finally
        {
            try
            {
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
            }

            socket.Dispose();
            await stream.DisposeAsync().ConfigureAwait(false);
            lock (_connections)
            {
                _connections.Remove(socket);
            }
        }
    }

    private static async Task WriteHeadAsync(Stream stream, HttpResponseMessage response, long? contentLength, bool chunked)
    {
        var sb = new StringBuilder();
        int code = (int)response.StatusCode;
        sb.Append("HTTP/1.1 ").Append(code.ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(response.ReasonPhrase ?? ReasonPhrase(code)).Append("\r\n");
        foreach (var (name, values) in response.Headers)
        {
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            sb.Append(name).Append(": ").Append(string.Join(", ", values)).Append("\r\n");
        }

        if (response.Content is not null)
        {
            foreach (var (name, values) in response.Content.Headers)
            {
                if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                sb.Append(name).Append(": ").Append(string.Join(", ", values)).Append("\r\n");
            }
        }

        sb.Append("Date: ").Append(DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n");
        if (contentLength is long n)
        {
            sb.Append("Content-Length: ").Append(n.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }

        if (chunked)
        {
            sb.Append("Transfer-Encoding: chunked\r\n");
        }

        sb.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(sb.ToString())).ConfigureAwait(false);
        await stream.FlushAsync().ConfigureAwait(false);
    }

    private static string ReasonPhrase(int code) => code switch
    {
        101 => "Switching Protocols",
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        412 => "Precondition Failed",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        _ => "Status",
    };

    /// <summary>Reads HTTP/1.1 requests from a connection.</summary>
    private sealed class HttpReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[16384];
        private int _start;
        private int _end;

        public async Task<HttpRequestMessage?> ReadRequestAsync(CancellationToken ct)
        {
            var requestLine = await ReadLineAsync(ct).ConfigureAwait(false);
            while (requestLine is { Length: 0 })
            {
                requestLine = await ReadLineAsync(ct).ConfigureAwait(false);
            }

            if (requestLine is null)
            {
                return null;
            }

            var parts = requestLine.Split(' ');
            if (parts.Length < 2)
            {
                throw new InvalidDataException("malformed request line");
            }

            var headers = new List<(string Name, string Value)>();
            while (true)
            {
                var line = await ReadLineAsync(ct).ConfigureAwait(false) ?? throw new InvalidDataException("unexpected end of headers");
                if (line.Length == 0)
                {
                    break;
                }

                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers.Add((line[..colon].Trim(), line[(colon + 1)..].Trim()));
                }
            }

            byte[] body = [];
            var te = headers.FirstOrDefault(h => h.Name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)).Value;
            var cl = headers.FirstOrDefault(h => h.Name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Value;
            if (te is not null && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                body = await ReadChunkedAsync(ct).ConfigureAwait(false);
            }
            else if (cl is not null && long.TryParse(cl, NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length > 0)
            {
                body = await ReadExactAsync((int)length, ct).ConfigureAwait(false);
            }

            var request = new HttpRequestMessage(new HttpMethod(parts[0]), new Uri("http://api.moby.localhost" + parts[1]));
            var content = new ByteArrayContent(body);
            foreach (var (name, value) in headers)
            {
                if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (!request.Headers.TryAddWithoutValidation(name, value))
                {
                    content.Headers.TryAddWithoutValidation(name, value);
                }
            }

            request.Content = content;
            return request;
        }

        private async Task<bool> FillAsync(CancellationToken ct)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                throw new InvalidDataException("header line too long");
            }

            int n = await stream.ReadAsync(_buffer.AsMemory(_end), ct).ConfigureAwait(false);
            _end += n;
            return n > 0;
        }

        private async Task<string?> ReadLineAsync(CancellationToken ct)
        {
            while (true)
            {
                int nl = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (nl >= 0)
                {
                    var line = Encoding.Latin1.GetString(_buffer, _start, nl - _start).TrimEnd('\r');
                    _start = nl + 1;
                    return line;
                }

                if (!await FillAsync(ct).ConfigureAwait(false))
                {
                    return null;
                }
            }
        }

        private async Task<byte[]> ReadExactAsync(int count, CancellationToken ct)
        {
            var result = new byte[count];
            int copied = 0;
            while (copied < count)
            {
                if (_start == _end && !await FillAsync(ct).ConfigureAwait(false))
                {
                    throw new InvalidDataException("unexpected end of body");
                }

                int n = Math.Min(count - copied, _end - _start);
                Buffer.BlockCopy(_buffer, _start, result, copied, n);
                _start += n;
                copied += n;
            }

            return result;
        }

        private async Task<byte[]> ReadChunkedAsync(CancellationToken ct)
        {
            using var body = new MemoryStream();
            while (true)
            {
                var sizeLine = await ReadLineAsync(ct).ConfigureAwait(false) ?? throw new InvalidDataException("unexpected end of chunked body");
                var size = int.Parse(sizeLine.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size == 0)
                {
                    while (await ReadLineAsync(ct).ConfigureAwait(false) is { Length: > 0 })
                    {
                        // Trailers.
                    }

                    return body.ToArray();
                }

                body.Write(await ReadExactAsync(size, ct).ConfigureAwait(false));
                await ReadLineAsync(ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Writes each write as one HTTP chunk and flushes it.</summary>
    private sealed class ChunkedWriteStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (buffer.Length == 0)
            {
                return;
            }

            await inner.WriteAsync(Encoding.ASCII.GetBytes(buffer.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"), cancellationToken).ConfigureAwait(false);
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            await inner.WriteAsync("\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        public async Task FinishAsync() => await inner.WriteAsync("0\r\n\r\n"u8.ToArray()).ConfigureAwait(false);
    }
}
