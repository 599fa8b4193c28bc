using System.Text;

namespace Simulator.FileSystem;

/// <summary>
/// The immutable content of a regular file: real bytes, or synthetic bytes generated on read from a
/// (length, seed) pair so stock images have realistic sizes without holding the memory.
/// </summary>
/// <remarks>
/// Instances are immutable and thread-safe; sharing one between files, layers and containers costs
/// nothing (copy-up of a 64 MiB file copies a reference). Synthetic content is a deterministic
/// function of (length, seed): the same pair always reads the same bytes.
/// </remarks>
public abstract class FileContent : IEquatable<FileContent>
{
    private protected FileContent()
    {
    }

    /// <summary>Content of length 0.</summary>
    public static FileContent Empty { get; } = new BytesContent(ReadOnlyMemory<byte>.Empty);

    /// <summary>The length in bytes.</summary>
    public abstract long Length { get; }

    /// <summary>Content made of a copy of <paramref name="bytes"/>.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The content.</returns>
    public static FileContent FromBytes(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? Empty : new BytesContent(bytes.ToArray());

    /// <summary>Content that takes ownership of <paramref name="bytes"/>: the caller must never change the array again.</summary>
    /// <param name="bytes">The bytes, not copied.</param>
    /// <returns>The content.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="bytes"/> is <see langword="null"/>.</exception>
    public static FileContent FromOwnedBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return bytes.Length == 0 ? Empty : new BytesContent(bytes);
    }

    /// <summary>Content made of the UTF-8 encoding of <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The content.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public static FileContent FromString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FromOwnedBytes(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Synthetic content: <paramref name="length"/> pseudo-random bytes generated on read from <paramref name="seed"/>.</summary>
    /// <param name="length">The length in bytes, 0 or more.</param>
    /// <param name="seed">The seed; the same (length, seed) always gives the same bytes.</param>
    /// <returns>The content.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public static FileContent Synthetic(long length, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return length == 0 ? Empty : new SyntheticContent(length, seed);
    }

    /// <summary>Opens a new read-only stream over the content, positioned at 0.</summary>
    /// <returns>A seekable, read-only stream.</returns>
    public abstract Stream OpenRead();

    /// <summary>Reads the whole content into memory (for synthetic content this generates it).</summary>
    /// <returns>The bytes; the memory must not be written.</returns>
    /// <exception cref="InvalidOperationException">The content is longer than <see cref="Array.MaxLength"/>.</exception>
    public abstract ReadOnlyMemory<byte> ReadAllBytes();

    /// <summary>Reads bytes at an offset into <paramref name="destination"/>.</summary>
    /// <param name="offset">The offset in bytes, 0 or more.</param>
    /// <param name="destination">Where to copy to.</param>
    /// <returns>The number of bytes copied: less than the destination's length only at the end.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is negative.</exception>
    public abstract int Read(long offset, Span<byte> destination);

    /// <summary>Whether both contents read the same bytes.</summary>
    /// <param name="other">The other content.</param>
    /// <returns><see langword="true"/> if equal byte for byte.</returns>
    public bool Equals(FileContent? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (Length != other.Length)
        {
            return false;
        }

        if (this is SyntheticContent a && other is SyntheticContent b && a.Seed == b.Seed)
        {
            return true;
        }

        Span<byte> left = stackalloc byte[4096];
        Span<byte> right = stackalloc byte[4096];
        for (long offset = 0; offset < Length; offset += left.Length)
        {
            int n = Read(offset, left);
            int m = other.Read(offset, right);
            if (n != m || !left[..n].SequenceEqual(right[..m]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as FileContent);

    /// <summary>A hash of the length only (content equality is by bytes).</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => Length.GetHashCode();

    /// <summary>The splitmix64 finaliser: a fixed, portable function of (seed, 8-byte block index) that synthetic bytes come from.</summary>
    private protected static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private sealed class BytesContent(ReadOnlyMemory<byte> bytes) : FileContent
    {
        public override long Length => bytes.Length;

        public override Stream OpenRead() => new ReadOnlyMemoryStream(bytes);

        public override ReadOnlyMemory<byte> ReadAllBytes() => bytes;

        public override int Read(long offset, Span<byte> destination)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(offset);
            if (offset >= bytes.Length)
            {
                return 0;
            }

            var source = bytes.Span[(int)offset..];
            int n = Math.Min(source.Length, destination.Length);
            source[..n].CopyTo(destination);
            return n;
        }
    }

    private sealed class SyntheticContent(long length, ulong seed) : FileContent
    {
        public ulong Seed => seed;

        public override long Length => length;

        public override Stream OpenRead() => new ContentStream(this);

        public override ReadOnlyMemory<byte> ReadAllBytes()
        {
            if (length > Array.MaxLength)
            {
                throw new InvalidOperationException($"Synthetic content of {length} bytes does not fit in an array.");
            }

            var bytes = new byte[length];
            Read(0, bytes);
            return bytes;
        }

        public override int Read(long offset, Span<byte> destination)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(offset);
            if (offset >= length)
            {
                return 0;
            }

            int n = (int)Math.Min(destination.Length, length - offset);
            for (int i = 0; i < n; i++)
            {
                long position = offset + i;
                ulong word = Mix(seed ^ (ulong)(position >> 3));
                destination[i] = (byte)(word >> (int)((position & 7) * 8));
            }

            return n;
        }

    }

    private sealed class ReadOnlyMemoryStream(ReadOnlyMemory<byte> bytes) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => bytes.Length;

        public override long Position
        {
            get => _position;
            set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position >= bytes.Length)
            {
                return 0;
            }

            var source = bytes.Span[(int)_position..];
            int n = Math.Min(source.Length, buffer.Length);
            source[..n].CopyTo(buffer);
            _position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => bytes.Length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A seekable read-only stream over any content, reading through <see cref="FileContent.Read(long, System.Span{byte})"/>.</summary>
    private protected sealed class ContentStream(FileContent content) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => content.Length;

        public override long Position
        {
            get => _position;
            set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = content.Read(_position, buffer);
            _position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => content.Length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
