using System.Text;
using Simulator.FileSystem;

namespace Simulator.Testing.Rendering;

/// <summary>Renders filesystem changes in <c>docker diff</c>'s form (<c>A /foo</c>, <c>C /etc</c>, <c>D /tmp/x</c>, one per line;
/// docker/cli container/diff.go), sorted by path as moby's own tests sort them (go-archive changes_test.go).</summary>
/// <remarks>Stateless and thread-safe. Unlike <c>docker diff</c>, which prints names raw, control characters in a path
/// (a newline in a file name) print as <c>\n</c>, <c>\t</c>, <c>\r</c> or <c>\xHH</c>, so each change stays on one line.</remarks>
public static class ChangesRenderer
{
    /// <summary>Renders changes.</summary>
    /// <param name="changes">The changes, in any order.</param>
    /// <returns>The lines, each ending with <c>\n</c>; empty for no change.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="changes"/> is <see langword="null"/>.</exception>
    public static string Render(IEnumerable<FileChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var text = new StringBuilder();
        foreach (var change in changes.OrderBy(c => c.Path, PathOrder.Instance).ThenBy(c => c.Kind))
        {
            text.Append(change.Letter).Append(' ').Append(TextFormat.Path(change.Path)).Append('\n');
        }

        return text.ToString();
    }
}
