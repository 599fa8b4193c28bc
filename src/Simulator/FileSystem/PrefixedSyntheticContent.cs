using System.Text;

namespace Simulator.FileSystem;

/// <summary>
/// File content made of real prefix bytes followed by a synthetic tail (<see cref="FileContent.Synthetic"/>): how stock
/// images hold program files, a <c>#!simulator NAME</c> marker line padded to the real binary's size, with only the
/// prefix in memory.
/// </summary>
/// <remarks>
/// Immutable and thread-safe; a deterministic function of (prefix, length, seed). Not public: the public way to make
/// content stays <see cref="FileContent"/>'s factories.
/// </remarks>
internal sealed class PrefixedSyntheticContent : FileContent
{
    /// <summary>
    /// The first line of a simulated program file: <c>#!simulator NAME\n</c>. The same string as
    /// <c>Simulator.Processes.ProgramRegistry.MarkerPrefix</c> on the userland branch (kept here until the branches merge).
    /// </summary>
    public const string ProgramMarkerPrefix = "#!simulator ";

    private readonly byte[] _prefix;
    private readonly long _tailLength;
    private readonly ulong _seed;

    private PrefixedSyntheticContent(byte[] prefix, long tailLength, ulong seed)
    {
        _prefix = prefix;
        _tailLength = tailLength;
        _seed = seed;
    }

    /// <inheritdoc/>
    public override long Length => _prefix.Length + _tailLength;

    /// <summary>Content of <paramref name="prefix"/> then synthetic bytes up to <paramref name="length"/> bytes in all.</summary>
    /// <param name="prefix">The real bytes at the start; copied.</param>
    /// <param name="length">The total length; when not more than the prefix's, the content is the prefix alone.</param>
    /// <param name="seed">The tail's seed.</param>
    /// <returns>The content.</returns>
    public static FileContent Create(ReadOnlySpan<byte> prefix, long length, ulong seed)
    {
        if (length <= prefix.Length)
        {
            return FromBytes(prefix);
        }

        return new PrefixedSyntheticContent(prefix.ToArray(), length - prefix.Length, seed);
    }

    /// <summary>A simulated program file: <c>#!simulator NAME\n</c> padded with synthetic bytes to <paramref name="length"/> bytes.</summary>
    /// <param name="name">The program name, e.g. <c>busybox</c>.</param>
    /// <param name="length">The real binary's size; 0 for the marker line alone.</param>
    /// <param name="seed">The padding's seed.</param>
    /// <returns>The content.</returns>
    public static FileContent Program(string name, long length = 0, ulong seed = 0) =>
        Create(Encoding.UTF8.GetBytes(ProgramMarkerPrefix + name + "\n"), length, seed);

    /// <inheritdoc/>
    public override Stream OpenRead() => new ContentStream(this);

    /// <inheritdoc/>
    public override ReadOnlyMemory<byte> ReadAllBytes()
    {
        if (Length > Array.MaxLength)
        {
            throw new InvalidOperationException($"Content of {Length} bytes does not fit in an array.");
        }

        var bytes = new byte[Length];
        Read(0, bytes);
        return bytes;
    }

    /// <inheritdoc/>
    public override int Read(long offset, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        int copied = 0;
        if (offset < _prefix.Length)
        {
            var source = _prefix.AsSpan((int)offset);
            copied = Math.Min(source.Length, destination.Length);
            source[..copied].CopyTo(destination);
        }

        if (copied < destination.Length)
        {
            long tailOffset = Math.Max(0, offset - _prefix.Length);
            copied += ReadTail(tailOffset, destination[copied..]);
        }

        return copied;
    }

    /// <summary>
    /// The tail's bytes: byte for byte those of <see cref="FileContent.Synthetic"/> with the same (length, seed) — the
    /// splitmix64 finaliser of <c>seed ^ (position / 8)</c>, little-endian — computed once per 8-byte block instead of
    /// once per byte, so hashing hundreds of megabytes of stock images stays fast.
    /// </summary>
    private int ReadTail(long offset, Span<byte> destination)
    {
        if (offset >= _tailLength)
        {
            return 0;
        }

        int n = (int)Math.Min(destination.Length, _tailLength - offset);
        int i = 0;
        while (i < n)
        {
            long position = offset + i;
            ulong word = Mix(_seed ^ (ulong)(position >> 3));
            int skip = (int)(position & 7);
            int take = Math.Min(8 - skip, n - i);
            if (skip == 0 && take == 8)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(destination[i..], word);
            }
            else
            {
                for (int k = 0; k < take; k++)
                {
                    destination[i + k] = (byte)(word >> ((skip + k) * 8));
                }
            }

            i += take;
        }

        return n;
    }
}
