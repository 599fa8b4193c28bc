using System.Text;
using CsCheck;

namespace Simulator.Tests.Processes;

/// <summary>
/// exec reads a file's first 256 bytes and looks at its first line only (a marker or a <c>#!</c> line); decoding just
/// the bytes before the first <c>\n</c> must give the characters a decode of all of them has before its first <c>\n</c>,
/// whatever invalid or cut UTF-8 precedes or follows it.
/// </summary>
public sealed class ExecutableHeadTests
{
    private static readonly Gen<byte> Bytes = Gen.OneOf(
        Gen.Byte,
        Gen.Const((byte)'\n'),
        Gen.Const((byte)'\r'),
        Gen.Byte[0x80, 0xBF], // continuation bytes
        Gen.Byte[0xC2, 0xF4]); // lead bytes, often left without their continuation

    [Fact]
    public void The_first_line_decodes_the_same_from_its_own_bytes()
    {
        Bytes.Array[0, 256].Sample(bytes =>
        {
            var all = Encoding.UTF8.GetString(bytes);
            var newline = all.IndexOf('\n', StringComparison.Ordinal);
            var expected = newline < 0 ? all : all[..newline];
            var lineEnd = bytes.AsSpan().IndexOf((byte)'\n');
            Assert.Equal(expected, Encoding.UTF8.GetString(bytes.AsSpan(0, lineEnd < 0 ? bytes.Length : lineEnd)));
        });
    }
}
