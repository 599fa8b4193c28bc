namespace Simulator.Internal;

/// <summary>
/// The members every write-only, non-seekable sink of the engine shares (a pipe's write end, a log writer,
/// a hashing sink): reads, seeks and lengths are not supported; <see cref="Flush"/> does nothing.
/// Derived classes implement <see cref="Stream.Write(byte[], int, int)"/> and usually the span overload.
/// </summary>
internal abstract class WriteOnlyStream : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
