using System.Text;
using Simulator.FileSystem;
using Xunit;

namespace Simulator.Testing.Conformance;

/// <summary>
/// A conformance suite for applying OCI image layers (image-spec layer.md "Applying Changesets", "Whiteouts"): derive
/// from it in an xunit v3 test project and implement <see cref="Extract"/> with your own extractor; each case of
/// <see cref="Cases"/> then runs as a test. The simulator runs it against <see cref="LayerStack"/>.
/// </summary>
/// <remarks>
/// Inputs are uncompressed layer tars (as <c>Layer.WriteTar</c> writes them: USTAR, <c>.wh.</c> whiteouts,
/// <c>.wh..wh..opq</c> opaque markers), lowest first; the expected tree is compared line by line, sorted by path. The cases
/// follow the spec's rules and go-containerregistry's <c>mutate</c> tests (TestExtractWhiteout, TestExtractOpaqueWhiteout,
/// TestExtractOverwrittenFile). The root directory is not compared.
/// </remarks>
public abstract class LayerApplyConformance
{
    /// <summary>The names of the cases, for <c>[MemberData]</c>.</summary>
    public static TheoryData<string> Cases => new(LayerCases.All.Select(c => c.Name));

    /// <summary>Applies the layers in order to an empty root and returns the resulting tree (the root itself may be omitted).</summary>
    /// <param name="layerTars">The layers as uncompressed tars, lowest first.</param>
    /// <returns>Every entry below the root.</returns>
    protected abstract IEnumerable<ConformanceEntry> Extract(IReadOnlyList<byte[]> layerTars);

    /// <summary>Runs one case.</summary>
    /// <param name="name">The case's name, from <see cref="Cases"/>.</param>
    [Theory]
    [MemberData(nameof(Cases), MemberType = typeof(LayerApplyConformance))]
    public void Applies_layers_as_the_oci_image_spec(string name)
    {
        var c = LayerCases.All.Single(x => x.Name == name);
        var tars = c.Layers.Select(l =>
        {
            using var stream = new MemoryStream();
            l.WriteTar(stream);
            return stream.ToArray();
        }).ToList();
        var actual = Extract(tars).Where(e => e.Path != "/").Select(e => e.ToString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(c.Expected.Order(StringComparer.Ordinal), actual);
    }

    /// <summary>The case data: layers built from entries, whiteouts and opaque directories, and the expected lines.</summary>
    internal static class LayerCases
    {
        private static FileEntry F(string text) => FileEntry.File(text) with { ModifiedAt = DateTimeOffset.UnixEpoch };

        private static FileEntry D() => FileEntry.Directory() with { ModifiedAt = DateTimeOffset.UnixEpoch };

        private static Layer L(params (string Path, FileEntry Entry)[] entries) =>
            Layer.Create(entries.Select(e => new KeyValuePair<string, FileEntry>(e.Path, e.Entry)));

        private static Layer W(string[] whiteouts, string[]? opaque = null, params (string Path, FileEntry Entry)[] entries) =>
            Layer.Create(entries.Select(e => new KeyValuePair<string, FileEntry>(e.Path, e.Entry)), whiteouts, opaque);

        public static IReadOnlyList<(string Name, Layer[] Layers, string[] Expected)> All { get; } =
        [
            ("single layer", [L(("/a", D()), ("/a/b", F("b")), ("/c", F("c")))], ["d /a", "f /a/b \"b\"", "f /c \"c\""]),
            ("directories merge across layers", [L(("/a", D()), ("/a/b", F("b"))), L(("/a", D()), ("/a/c", F("c")))],
                ["d /a", "f /a/b \"b\"", "f /a/c \"c\""]),
            ("upper file overwrites lower file", [L(("/f", F("old"))), L(("/f", F("new")))], ["f /f \"new\""]),
            ("whiteout removes a lower file", [L(("/a", D()), ("/a/b", F("b")), ("/a/c", F("c"))), W(["/a/b"])], ["d /a", "f /a/c \"c\""]),
            ("whiteout of a directory removes its subtree", [L(("/a", D()), ("/a/b", D()), ("/a/b/c", F("c"))), W(["/a/b"])], ["d /a"]),
            ("opaque directory hides lower children and keeps its own",
                [L(("/a", D()), ("/a/old", F("o"))), W([], ["/a"], ("/a", D()), ("/a/new", F("n")))], ["d /a", "f /a/new \"n\""]),
            ("whiteout affects lower layers only", [L(("/f", F("lower"))), W(["/f"], null, ("/f", F("same layer")))], ["f /f \"same layer\""]),
            ("a later layer re-adds a whited-out path", [L(("/f", F("1"))), W(["/f"]), L(("/f", F("3")))], ["f /f \"3\""]),
            ("file replaces a lower directory", [L(("/x", D()), ("/x/y", F("y"))), L(("/x", F("file")))], ["f /x \"file\""]),
            ("directory replaces a lower file", [L(("/x", F("file"))), L(("/x", D()), ("/x/y", F("y")))], ["d /x", "f /x/y \"y\""]),
            ("symlinks are kept, not followed", [L(("/target", F("t")), ("/link", FileEntry.Symlink("/target"))), L(("/link", FileEntry.Symlink("target")))],
                ["l /link -> target", "f /target \"t\""]),
            ("whiteout of a missing path is harmless", [L(("/a", F("a"))), W(["/nothing"])], ["f /a \"a\""]),
            ("opaque directory in a later layer over a whited-out one", [L(("/d", D()), ("/d/a", F("a"))), W(["/d"]), W([], ["/d"], ("/d", D()), ("/d/b", F("b")))],
                ["d /d", "f /d/b \"b\""]),
        ];
    }

    /// <summary>Formats an entry's content for <see cref="ConformanceEntry.Text"/>.</summary>
    /// <param name="content">The content.</param>
    /// <returns>The UTF-8 text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is <see langword="null"/>.</exception>
    protected static string TextOf(FileContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Encoding.UTF8.GetString(content.ReadAllBytes().Span);
    }
}
