namespace Simulator.FileSystem.Adapter;

/// <summary>
/// The stream behind <see cref="UnionFileSystemStream"/>: reads a read-only handle directly; a writable one works
/// on a private buffer written back whole on Flush and Dispose. Error behaviour follows FileStream on Linux.
/// </summary>
internal sealed class UnionStream : Stream
{
    private readonly UnionFileSystemAdapter _fs;
    private readonly FileHandle _handle;
    private readonly string _path;
    private readonly string _lockKey;
    private readonly bool _exclusive;
    private readonly bool _canRead;
    private readonly bool _canWrite;
    private readonly long _appendStart;
    private readonly bool _deleteOnClose;
    private byte[]? _buffer;
    private long _length;
    private long _position;
    private bool _dirty;
    private bool _disposed;

    public UnionStream(UnionFileSystemAdapter fs, FileHandle handle, string path, string lockKey, bool exclusive, FileAccess access, bool append, bool deleteOnClose)
    {
        _fs = fs;
        _handle = handle;
        _path = path;
        _lockKey = lockKey;
        _exclusive = exclusive;
        _canRead = (access & FileAccess.Read) != 0;
        _canWrite = (access & FileAccess.Write) != 0;
        _deleteOnClose = deleteOnClose;
        _length = handle.Stat().Size;

        _appendStart = append ? _length : -1;
        _position = append ? _length : 0;
    }

    public override bool CanRead => !_disposed && _canRead;

    public override bool CanSeek => !_disposed;

    public override bool CanWrite => !_disposed && _canWrite;

    public override long Length
    {
        get
        {
            CheckOpen();
            return _canWrite ? _length : Map(() => _handle.Stat().Size);
        }
    }

    public override long Position
    {
        get
        {
            CheckOpen();
            return _position;
        }

        set
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), "Non-negative number required.");
            }

            Seek(value, SeekOrigin.Begin);
        }
    }

    public override void Flush()
    {
        CheckOpen();
        FlushCore(final: false);
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        try
        {
            Flush();
            return Task.CompletedTask;
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    public override int Read(Span<byte> buffer)
    {
        CheckOpenStream();
        if (!_canRead)
        {
            throw new NotSupportedException("Stream does not support reading.");
        }

        int n;
        if (_canWrite)
        {
            EnsureBuffer();
            n = (int)Math.Clamp(_length - _position, 0, buffer.Length);
            if (n > 0)
            {
                _buffer.AsSpan((int)_position, n).CopyTo(buffer);
            }
        }
        else
        {
            try
            {
                n = _handle.Read(_position, buffer);
            }
            catch (FileSystemException e)
            {
                throw IoErrors.Common(e, _path);
            }
        }

        _position += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        try
        {
            return ValueTask.FromResult(Read(buffer.Span));
        }
        catch (Exception e)
        {
            return ValueTask.FromException<int>(e);
        }
    }

    public override int ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        CheckOpen();
        long target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => Length + offset,
            _ => throw new ArgumentException("Invalid seek origin.", nameof(origin)),
        };

        if (target < 0)
        {
            throw IoErrors.FromErrno(Errno.EINVAL, _path);
        }

        if (_appendStart >= 0 && target < _appendStart)
        {
            throw new IOException("Unable seek backward to overwrite data that previously existed in a file opened in Append mode.");
        }

        _position = target;
        return target;
    }

    public override void SetLength(long value)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "Non-negative number required.");
        }

        CheckOpen();
        if (!_canWrite)
        {
            throw new NotSupportedException("Stream does not support writing.");
        }

        if (_appendStart >= 0 && value < _appendStart)
        {
            throw new IOException("Unable to truncate data that previously existed in a file opened in Append mode.");
        }

        EnsureBuffer();
        EnsureCapacity(value);
        if (value > _length)
        {
            Array.Clear(_buffer, (int)_length, (int)(value - _length));
        }

        _length = value;
        if (_position > value)
        {
            _position = value;
        }

        _dirty = true;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        CheckOpenStream();
        if (!_canWrite)
        {
            throw new NotSupportedException("Stream does not support writing.");
        }

        EnsureBuffer();
        long end = _position + buffer.Length;
        EnsureCapacity(end);
        if (_position > _length)
        {
            Array.Clear(_buffer, (int)_length, (int)(_position - _length));
        }

        buffer.CopyTo(_buffer.AsSpan((int)_position));
        _position = end;
        if (end > _length)
        {
            _length = end;
        }

        _dirty = true;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        try
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
        catch (Exception e)
        {
            return ValueTask.FromException(e);
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    protected override void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            if (disposing)
            {
                FlushCore(final: true);
            }
        }
        finally
        {
            _disposed = true;
            _handle.Dispose();
            _fs.StreamLocks.Release(_lockKey, _exclusive);
            if (_deleteOnClose)
            {
                try
                {
                    _fs.Union.Unlink(_handle.Path);
                }
                catch (FileSystemException)
                {
                }
            }

            base.Dispose(disposing);
        }
    }

    private void FlushCore(bool final)
    {
        if (!_dirty || _buffer is null)
        {
            return;
        }

        byte[] bytes;
        if (final && _buffer.Length == _length)
        {
            bytes = _buffer;
            _buffer = null;
        }
        else
        {
            bytes = _buffer.AsSpan(0, (int)_length).ToArray();
        }

        Map(() =>
        {
            _handle.SetContent(FileContent.FromOwnedBytes(bytes));
            return 0;
        });
        _dirty = false;
    }

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(_buffer))]
    private void EnsureBuffer()
    {
        if (_buffer is not null)
        {
            return;
        }

        var content = Map(() => _handle.Stat().Content);
        var bytes = new byte[Math.Max(content.Length, 256)];
        content.Read(0, bytes);
        _buffer = bytes;
        _length = content.Length;
    }

    private void EnsureCapacity(long needed)
    {
        if (needed > Array.MaxLength)
        {
            throw new IOException("Stream was too long.");
        }

        if (needed <= _buffer!.Length)
        {
            return;
        }

        long size = Math.Max(needed, Math.Min((long)_buffer.Length * 2, Array.MaxLength));
        Array.Resize(ref _buffer, (int)size);
    }

    private void CheckOpen()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(null, "Cannot access a closed file.");
        }
    }

    private void CheckOpenStream()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(null, "Cannot access a closed Stream.");
        }
    }

    private T Map<T>(Func<T> body)
    {
        try
        {
            return body();
        }
        catch (FileSystemException e)
        {
            throw IoErrors.Common(e, _path);
        }
    }
}
