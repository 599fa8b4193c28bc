namespace Simulator.Userland.Apk;

/// <summary>
/// One file of a package in the simulated Alpine index: a path (relative to <c>/</c>, as apk stores it), a mode, a size,
/// and what it holds: a program marker (<c>#!simulator NAME</c> padded with synthetic bytes to <see cref="Size"/>, as
/// <c>World/</c> builds stock binaries), literal text, synthetic bytes, or a symlink.
/// </summary>
internal sealed record ApkFile(string Path, int Mode, long Size, string? Program = null, string? Text = null, string? Link = null)
{
    public static ApkFile Bin(string path, string program, long size) => new(path, 0b111_101_101, size, Program: program);

    public static ApkFile Lib(string path, long size) => new(path, 0b111_101_101, size);

    public static ApkFile Data(string path, long size) => new(path, 0b110_100_100, size);

    public static ApkFile Txt(string path, string text) => new(path, 0b110_100_100, System.Text.Encoding.UTF8.GetByteCount(text), Text: text);

    public static ApkFile Symlink(string path, string target) => new(path, 0b111_111_111, target.Length, Link: target);
}
