using System.Buffers.Binary;
using System.Text;

namespace Simulator.EngineApi.Internal;

/// <summary>
/// moby's <c>pkg/stdcopy</c> framing: an 8-byte header <c>[stream, 0, 0, 0, size uint32 big-endian]</c> before each
/// payload (0 stdin, 1 stdout, 2 stderr); a TTY stream is raw bytes instead.
/// </summary>
internal static class StdFrames
{
    public const string MultiplexedType = "application/vnd.docker.multiplexed-stream";
    public const string RawType = "application/vnd.docker.raw-stream";

    public static Task WriteAsync(Stream stream, byte kind, string text, bool tty, CancellationToken cancellationToken) =>
        text.Length == 0 ? Task.CompletedTask : WriteAsync(stream, kind, Encoding.UTF8.GetBytes(text), tty, cancellationToken);

    public static async Task WriteAsync(Stream stream, byte kind, ReadOnlyMemory<byte> payload, bool tty, CancellationToken cancellationToken)
    {
        if (payload.IsEmpty)
        {
            return;
        }

        if (tty)
        {
            await stream.WriteAsync(payload, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var frame = new byte[8 + payload.Length];
            frame[0] = kind;
            BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)payload.Length);
            payload.Span.CopyTo(frame.AsSpan(8));
            await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        }

        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
