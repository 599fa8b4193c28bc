using System.Text;
using Simulator.Internal;

namespace Simulator.Containers;

/// <summary>A container's stdout or stderr: splits writes into lines and appends them, timestamped, to its log (json-file semantics).</summary>
internal sealed class LogWriterStream(List<LogEntry> log, LogStream stream, TimeProvider time) : WriteOnlyStream
{
    private readonly List<byte> _pending = [];

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (log)
        {
            var now = time.GetUtcNow();
            foreach (var b in buffer)
            {
                _pending.Add(b);
                if (b == (byte)'\n')
                {
                    log.Add(new LogEntry(stream, now, Encoding.UTF8.GetString(_pending.ToArray())));
                    _pending.Clear();
                }
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    /// <summary>Stores a partial last line (json-file keeps it without a newline).</summary>
    public void FlushPartial()
    {
        lock (log)
        {
            if (_pending.Count > 0)
            {
                log.Add(new LogEntry(stream, time.GetUtcNow(), Encoding.UTF8.GetString(_pending.ToArray())));
                _pending.Clear();
            }
        }
    }
}
