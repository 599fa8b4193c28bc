using System.Text;

namespace Simulator.Build;

/// <summary>
/// A node of a parsed Dockerfile, shaped as BuildKit's <c>parser.Node</c> (frontend/dockerfile/parser/parser.go):
/// the root's <see cref="Children"/> are the instructions; an instruction's <see cref="Value"/> is its keyword as
/// written and <see cref="Next"/> chains its arguments (an <c>ONBUILD</c> argument holds the trigger in
/// <see cref="Children"/>).
/// </summary>
/// <remarks>Built by <see cref="DockerfileParser.Parse(string)"/>; read-only afterwards and safe to share between threads.</remarks>
public sealed class DockerfileNode
{
    /// <summary>The token: an instruction keyword (as written, e.g. <c>RUN</c> or <c>run</c>) or an argument.</summary>
    public string Value { get; internal set; } = "";

    /// <summary>The next argument in the chain; <see langword="null"/> at the end.</summary>
    public DockerfileNode? Next { get; internal set; }

    /// <summary>The root's instructions, or an <c>ONBUILD</c> argument's one trigger instruction.</summary>
    public IReadOnlyList<DockerfileNode> Children => ChildList;

    /// <summary>Heredocs attached to a <c>RUN</c>/<c>COPY</c>/<c>ADD</c> (<c>&lt;&lt;EOF</c>), in order.</summary>
    public IReadOnlyList<DockerfileHeredoc> Heredocs => HeredocList;

    /// <summary>Whether the arguments were written in JSON (exec) form, BuildKit's <c>json</c> attribute.</summary>
    public bool IsJson { get; internal set; }

    /// <summary>The instruction's whole logical line (continuations joined, comments dropped), as written.</summary>
    public string Original { get; internal set; } = "";

    /// <summary>The instruction's <c>--flags</c> as written (<c>--from=build</c>); a bare <c>--</c> is not kept.</summary>
    public IReadOnlyList<string> Flags { get; internal set; } = [];

    /// <summary>The 1-based line the node starts on (the root: its first instruction's; -1 before any).</summary>
    public int StartLine { get; internal set; }

    /// <summary>The 1-based line the node ends on (the last line of a continuation or heredoc).</summary>
    public int EndLine { get; internal set; }

    /// <summary>The comment lines directly above the instruction, without <c>#</c>.</summary>
    public IReadOnlyList<string> PrevComment { get; internal set; } = [];

    internal List<DockerfileNode> ChildList { get; } = [];

    internal List<DockerfileHeredoc> HeredocList { get; } = [];

    /// <summary>
    /// The node as BuildKit's <c>Node.Dump</c> writes it: one <c>(instruction ["flags"] "arg"...)</c> line per
    /// child of the root, strings in Go's <c>strconv.Quote</c> form. The conformance corpus' <c>result</c> files are
    /// this text plus a newline.
    /// </summary>
    /// <returns>The dump.</returns>
    public string Dump()
    {
        var sb = new StringBuilder();
        sb.Append(Value.ToLowerInvariant());
        if (Flags.Count > 0)
        {
            sb.Append(' ').Append('[');
            for (int i = 0; i < Flags.Count; i++)
            {
                sb.Append(i == 0 ? "" : " ").Append(GoQuote(Flags[i]));
            }

            sb.Append(']');
        }

        foreach (var child in ChildList)
        {
            sb.Append('(').Append(child.Dump()).Append(")\n");
        }

        for (var n = Next; n is not null; n = n.Next)
        {
            sb.Append(' ');
            sb.Append(n.ChildList.Count > 0 ? n.Dump() : GoQuote(n.Value));
        }

        return sb.ToString().Trim();
    }

    /// <inheritdoc/>
    public override string ToString() => Dump();

    /// <summary>Go's <c>strconv.Quote</c>: printable runes kept, others escaped.</summary>
    internal static string GoQuote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); continue;
                case '\\': sb.Append("\\\\"); continue;
                case '\a': sb.Append("\\a"); continue;
                case '\b': sb.Append("\\b"); continue;
                case '\f': sb.Append("\\f"); continue;
                case '\n': sb.Append("\\n"); continue;
                case '\r': sb.Append("\\r"); continue;
                case '\t': sb.Append("\\t"); continue;
                case '\v': sb.Append("\\v"); continue;
            }

            if (c < 0x20 || c == 0x7f)
            {
                sb.Append("\\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                var cp = char.ConvertToUtf32(c, s[i + 1]);
                var text = s.Substring(i, 2);
                if (IsPrint(System.Globalization.CharUnicodeInfo.GetUnicodeCategory(text, 0)))
                {
                    sb.Append(text);
                }
                else
                {
                    sb.Append("\\U").Append(cp.ToString("x8", System.Globalization.CultureInfo.InvariantCulture));
                }

                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                sb.Append("\\ufffd");
                continue;
            }

            if (c < 0x80 || IsPrint(char.GetUnicodeCategory(c)))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.Append('"').ToString();
    }

    private static bool IsPrint(System.Globalization.UnicodeCategory cat) => cat switch
    {
        System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format or
        System.Globalization.UnicodeCategory.Surrogate or System.Globalization.UnicodeCategory.PrivateUse or
        System.Globalization.UnicodeCategory.OtherNotAssigned or System.Globalization.UnicodeCategory.LineSeparator or
        System.Globalization.UnicodeCategory.ParagraphSeparator or System.Globalization.UnicodeCategory.SpaceSeparator => false,
        _ => true,
    };
}

/// <summary>A heredoc attached to an instruction, as BuildKit's <c>parser.Heredoc</c>.</summary>
/// <param name="Name">The terminator word (quotes removed).</param>
/// <param name="FileDescriptor">The file descriptor before <c>&lt;&lt;</c> (<c>0</c> when none).</param>
/// <param name="Expand">Whether variables in the content expand (the word was not quoted).</param>
/// <param name="Chomp">Whether leading tabs are stripped (<c>&lt;&lt;-</c>).</param>
/// <param name="Content">The content lines, each with its newline.</param>
public sealed record DockerfileHeredoc(string Name, int FileDescriptor, bool Expand, bool Chomp, string Content);
