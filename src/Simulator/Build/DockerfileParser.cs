using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Simulator.Build;

/// <summary>
/// Parses a Dockerfile into BuildKit's AST, a port of moby/buildkit frontend/dockerfile/parser (parser.go,
/// line_parsers.go, split_command.go, directives.go): parser directives (<c># syntax=</c>, <c># escape=</c>, <c># check=</c>),
/// line continuations (comment and empty lines inside a continuation are dropped), JSON (exec) and shell forms
/// (invalid JSON is shell form), <c>--flags</c>, <c>ONBUILD</c> sub-instructions, heredocs and line numbers.
/// </summary>
/// <remarks>
/// The parser checks the syntax only: unknown instructions and wrong argument counts are found later, by
/// <see cref="Builder"/>, as BuildKit's <c>instructions.Parse</c>. Stateless and thread-safe.
/// </remarks>
public static partial class DockerfileParser
{
    private const int MaxLine = 64 * 1024;

    private static readonly HashSet<string> HeredocInstructions = new(StringComparer.Ordinal) { "add", "copy", "run" };

    /// <summary>Parses Dockerfile text.</summary>
    /// <param name="dockerfile">The Dockerfile (a leading UTF-8 BOM is ignored; <c>\n</c> or <c>\r\n</c> line ends).</param>
    /// <returns>The root node, the escape token and the warnings (<c>Empty continuation line found in: ...</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dockerfile"/> is <see langword="null"/>.</exception>
    /// <exception cref="DockerfileParseException">
    /// BuildKit's errors, with the line: <c>file with no instructions</c>, <c>ENV must have two arguments</c>,
    /// <c>when using JSON array syntax, arrays must be comprised of strings only</c>, <c>unterminated heredoc</c>,
    /// <c>invalid escape token '%' does not match ` or \</c>, <c>only one escape parser directive can be used</c>,
    /// <c>Syntax error - can't find = in "x". Must be of the form: name=value</c>,
    /// <c>dockerfile line greater than max allowed size of 65535</c>.
    /// </exception>
    public static DockerfileParseResult Parse(string dockerfile)
    {
        ArgumentNullException.ThrowIfNull(dockerfile);
        if (dockerfile.Length > 0 && dockerfile[0] == '\uFEFF')
        {
            dockerfile = dockerfile[1..];
        }

        var d = new Directives();
        var lines = SplitLines(dockerfile);
        int index = 0;
        int currentLine = 0;
        var root = new DockerfileNode { StartLine = -1 };
        var warnings = new List<string>();
        var comments = new List<string>();

        while (index < lines.Count)
        {
            var raw = lines[index++];
            CheckLength(raw, currentLine);
            if (IsComment(raw))
            {
                var comment = raw.TrimStart()[1..].Trim();
                if (comment.Length == 0)
                {
                    comments.Clear();
                }
                else
                {
                    comments.Add(comment);
                }
            }

            var (text, directiveOk) = ProcessLine(d, raw, stripLeft: true, currentLine);
            if (directiveOk && comments.Count > 0)
            {
                comments.RemoveAt(comments.Count - 1);
            }

            currentLine++;
            int startLine = currentLine;
            (text, bool isEnd) = TrimContinuation(text, d);
            if (isEnd && text.Length == 0)
            {
                continue;
            }

            var buf = new StringBuilder(text);
            bool emptyContinuation = false;
            while (!isEnd && index < lines.Count)
            {
                var next = lines[index++];
                CheckLength(next, currentLine);
                var (part, _) = ProcessLine(d, next, stripLeft: false, currentLine);
                currentLine++;
                if (IsComment(next))
                {
                    continue;
                }

                if (TrimNewline(part).TrimStart().Length == 0)
                {
                    emptyContinuation = true;
                    continue;
                }

                (part, isEnd) = TrimContinuation(part, d);
                buf.Append(part);
            }

            var line = buf.ToString();
            if (emptyContinuation)
            {
                warnings.Add("Empty continuation line found in: " + line);
            }

            DockerfileNode child;
            try
            {
                child = NewNodeFromLine(line, d, [.. comments]);
            }
            catch (DockerfileParseException ex)
            {
                throw new DockerfileParseException(ex.Message, startLine, currentLine);
            }

            if (CanContainHeredoc(child) && line.Contains("<<", StringComparison.Ordinal))
            {
                foreach (var heredoc in HeredocsFromLine(line, startLine, currentLine))
                {
                    bool terminated = false;
                    var content = new StringBuilder(heredoc.Content);
                    while (index < lines.Count)
                    {
                        var l = lines[index++];
                        currentLine++;
                        var possible = TrimNewline(l);
                        if (heredoc.Chomp)
                        {
                            possible = possible.TrimStart('\t');
                        }

                        if (possible == heredoc.Name)
                        {
                            terminated = true;
                            break;
                        }

                        content.Append(l);
                    }

                    if (!terminated)
                    {
                        throw new DockerfileParseException("unterminated heredoc", startLine, currentLine);
                    }

                    child.HeredocList.Add(heredoc with { Content = content.ToString() });
                }
            }

            child.StartLine = startLine;
            child.EndLine = currentLine;
            if (root.StartLine < 0)
            {
                root.StartLine = startLine;
            }

            root.EndLine = currentLine;
            root.ChildList.Add(child);
            comments.Clear();
        }

        if (root.StartLine < 0)
        {
            throw new DockerfileParseException("file with no instructions", currentLine, 0);
        }

        return new DockerfileParseResult(root, d.EscapeToken, warnings);
    }

    private static void CheckLength(string line, int currentLine)
    {
        if (Encoding.UTF8.GetByteCount(line) > MaxLine)
        {
            throw new DockerfileParseException($"dockerfile line greater than max allowed size of {MaxLine - 1}", currentLine, 0);
        }
    }

    // bufio.Scanner with scanLines that keeps line ends.
    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        int start = 0;
        while (start < text.Length)
        {
            int nl = text.IndexOf('\n', start);
            if (nl < 0)
            {
                lines.Add(text[start..]);
                break;
            }

            lines.Add(text[start..(nl + 1)]);
            start = nl + 1;
        }

        return lines;
    }

    private static string TrimNewline(string s) => s.TrimEnd('\r', '\n');

    private static bool IsComment(string line)
    {
        var t = line.TrimStart();
        return t.Length > 0 && t[0] == '#';
    }

    private static (string Text, bool DirectiveOk) ProcessLine(Directives d, string token, bool stripLeft, int line)
    {
        token = TrimNewline(token);
        if (stripLeft)
        {
            token = token.TrimStart();
        }

        bool ok;
        try
        {
            ok = d.PossibleParserDirective(token);
        }
        catch (DockerfileParseException ex)
        {
            throw new DockerfileParseException(ex.Message, line, 0);
        }

        return (IsComment(token) ? "" : token, ok);
    }

    private static (string Text, bool IsEnd) TrimContinuation(string line, Directives d)
    {
        var m = d.Continuation.Match(line);
        if (m.Success)
        {
            return (d.Continuation.Replace(line, "$1"), false);
        }

        return (line, true);
    }

    private static bool CanContainHeredoc(DockerfileNode node)
    {
        if (node.Value.Equals("onbuild", StringComparison.OrdinalIgnoreCase) && node.Next is { ChildList.Count: > 0 } next)
        {
            node = next.ChildList[0];
        }

        return HeredocInstructions.Contains(node.Value.ToLowerInvariant()) && !node.IsJson;
    }

    private static List<DockerfileHeredoc> HeredocsFromLine(string line, int start, int end)
    {
        var lex = new ShellLex('\\') { RawQuotes = true, RawEscapes = true, SkipUnsetEnv = true };
        List<string> words;
        try
        {
            words = lex.ProcessWords(line, static _ => null);
        }
        catch (ShellLexException)
        {
            words = [];
        }

        var docs = new List<DockerfileHeredoc>();
        foreach (var word in words)
        {
            try
            {
                if (ParseHeredoc(word) is { } doc)
                {
                    docs.Add(doc);
                }
            }
            catch (ShellLexException ex)
            {
                throw new DockerfileParseException(ex.Message, start, end);
            }
        }

        return docs;
    }

    /// <summary>Parses a heredoc word such as <c>&lt;&lt;EOF</c>, <c>&lt;&lt;-"EOF"</c> or <c>3&lt;&lt;EOF</c>, as BuildKit's <c>ParseHeredoc</c>.</summary>
    internal static DockerfileHeredoc? ParseHeredoc(string src)
    {
        var match = HeredocRegex().Match(src);
        if (!match.Success)
        {
            return null;
        }

        _ = int.TryParse(match.Groups[1].Value, out var fd);
        bool chomp = match.Groups[2].Value == "-";
        var rest = match.Groups[3].Value;
        if (rest.Length == 0)
        {
            return null;
        }

        var lex = new ShellLex('\\') { SkipUnsetEnv = true };
        var words = lex.ProcessWords(rest, static _ => null);
        if (words.Count != 1)
        {
            return null;
        }

        lex.RawQuotes = true;
        var raw = lex.ProcessWords(rest, static _ => null);
        if (raw.Count != words.Count)
        {
            throw new ShellLexException("internal lexing of heredoc produced inconsistent results: " + rest);
        }

        static int Quotes(string s) => s.Count(c => c is '\'' or '"');
        return new DockerfileHeredoc(words[0], fd, Quotes(words[0]) == Quotes(raw[0]), chomp, "");
    }

    private static DockerfileNode NewNodeFromLine(string line, Directives d, List<string> comments)
    {
        var (cmd, flags, args) = SplitCommand(line, d);
        var (next, json) = cmd.ToLowerInvariant() switch
        {
            "add" or "copy" or "volume" => ParseMaybeJsonToList(args),
            "arg" => (ParseNameOrNameVal(args, d), false),
            "cmd" or "entrypoint" or "run" or "shell" => ParseMaybeJson(args),
            "env" => (ParseNameVal(args, "ENV", d), false),
            "label" => (ParseNameVal(args, "LABEL", d), false),
            "expose" or "from" => (ParseWhitespaceDelimited(args), false),
            "healthcheck" => ParseHealthConfig(args),
            "maintainer" or "stopsignal" or "user" or "workdir" => (args.Length == 0 ? null : new DockerfileNode { Value = args }, false),
            "onbuild" => (ParseSubCommand(args, d), false),
            _ => (new DockerfileNode(), false),
        };
        return new DockerfileNode
        {
            Value = cmd,
            Original = line,
            Flags = flags,
            Next = next,
            IsJson = json,
            PrevComment = comments,
        };
    }

    private static DockerfileNode? ParseSubCommand(string rest, Directives d)
    {
        if (rest.Length == 0)
        {
            return null;
        }

        var child = NewNodeFromLine(rest, d, []);
        var node = new DockerfileNode();
        node.ChildList.Add(child);
        return node;
    }

    private static (string Cmd, string[] Flags, string Args) SplitCommand(string line, Directives d)
    {
        var parts = Whitespace().Split(line.Trim(), 2);
        string args = "";
        string[] flags = [];
        if (parts.Length == 2)
        {
            (args, flags) = ExtractBuilderFlags(parts[1], d);
        }

        return (parts[0], flags, args.Trim());
    }

    private static (string Remainder, string[] Flags) ExtractBuilderFlags(string line, Directives d)
    {
        const int inSpaces = 0, inWord = 1, inQuote = 2;
        var words = new List<string>();
        int phase = inSpaces;
        var sb = new StringBuilder();
        char quote = '\0';
        bool blankOk = false;
        char ch = '\0';
        for (int pos = 0; pos <= line.Length; pos++)
        {
            if (pos != line.Length)
            {
                ch = line[pos];
            }

            if (phase == inSpaces)
            {
                if (pos == line.Length)
                {
                    break;
                }

                if (char.IsWhiteSpace(ch))
                {
                    continue;
                }

                if (ch != '-' || pos + 1 == line.Length || line[pos + 1] != '-')
                {
                    return (line[pos..], [.. words]);
                }

                phase = inWord;
            }

            if ((phase == inWord || phase == inQuote) && pos == line.Length)
            {
                var word = sb.ToString();
                if (word != "--" && (blankOk || word.Length > 0))
                {
                    words.Add(word);
                }

                break;
            }

            if (phase == inWord)
            {
                if (char.IsWhiteSpace(ch))
                {
                    var word = sb.ToString();
                    phase = inSpaces;
                    if (word == "--")
                    {
                        return (line[pos..], [.. words]);
                    }

                    if (blankOk || word.Length > 0)
                    {
                        words.Add(word);
                    }

                    sb.Clear();
                    blankOk = false;
                    continue;
                }

                if (ch is '\'' or '"')
                {
                    quote = ch;
                    blankOk = true;
                    phase = inQuote;
                    continue;
                }

                if (ch == d.EscapeToken)
                {
                    if (pos + 1 == line.Length)
                    {
                        continue;
                    }

                    pos++;
                    ch = line[pos];
                }

                sb.Append(ch);
                continue;
            }

            if (phase == inQuote)
            {
                if (ch == quote)
                {
                    phase = inWord;
                    continue;
                }

                if (ch == d.EscapeToken)
                {
                    if (pos + 1 == line.Length)
                    {
                        phase = inWord;
                        continue;
                    }

                    pos++;
                    ch = line[pos];
                }

                sb.Append(ch);
            }
        }

        return ("", [.. words]);
    }

    /// <summary>BuildKit's <c>parseWords</c>: splits on whitespace, keeping quotes and escapes for later processing.</summary>
    internal static List<string> ParseWords(string rest, char escapeToken)
    {
        const int inSpaces = 0, inWord = 1, inQuote = 2;
        var words = new List<string>();
        int phase = inSpaces;
        char quote = '\0';
        bool blankOk = false;
        var sb = new StringBuilder();
        char ch = '\0';
        for (int pos = 0; pos <= rest.Length; pos++)
        {
            if (pos != rest.Length)
            {
                ch = rest[pos];
            }

            if (phase == inSpaces)
            {
                if (pos == rest.Length)
                {
                    break;
                }

                if (char.IsWhiteSpace(ch))
                {
                    continue;
                }

                phase = inWord;
            }

            if ((phase == inWord || phase == inQuote) && pos == rest.Length)
            {
                if (blankOk || sb.Length > 0)
                {
                    words.Add(sb.ToString());
                }

                break;
            }

            if (phase == inWord)
            {
                if (char.IsWhiteSpace(ch))
                {
                    phase = inSpaces;
                    if (blankOk || sb.Length > 0)
                    {
                        words.Add(sb.ToString());
                    }

                    sb.Clear();
                    blankOk = false;
                    continue;
                }

                if (ch is '\'' or '"')
                {
                    quote = ch;
                    blankOk = true;
                    phase = inQuote;
                }

                if (ch == escapeToken)
                {
                    if (pos + 1 == rest.Length)
                    {
                        continue;
                    }

                    sb.Append(ch);
                    pos++;
                    ch = rest[pos];
                }

                sb.Append(ch);
                continue;
            }

            if (phase == inQuote)
            {
                if (ch == quote)
                {
                    phase = inWord;
                }

                if (ch == escapeToken && quote != '\'')
                {
                    if (pos + 1 == rest.Length)
                    {
                        phase = inWord;
                        continue;
                    }

                    pos++;
                    sb.Append(ch);
                    ch = rest[pos];
                }

                sb.Append(ch);
            }
        }

        return words;
    }

    private static DockerfileNode? ParseNameVal(string rest, string key, Directives d)
    {
        var words = ParseWords(rest, d.EscapeToken);
        if (words.Count == 0)
        {
            return null;
        }

        if (!words[0].Contains('=', StringComparison.Ordinal))
        {
            var parts = Whitespace().Split(rest, 2);
            if (parts.Length < 2)
            {
                throw new DockerfileParseException($"{key} must have two arguments");
            }

            return KeyValue(parts[0], parts[1], "");
        }

        DockerfileNode? first = null;
        DockerfileNode? prev = null;
        foreach (var word in words)
        {
            if (!word.Contains('=', StringComparison.Ordinal))
            {
                throw new DockerfileParseException($"Syntax error - can't find = in {DockerfileNode.GoQuote(word)}. Must be of the form: name=value");
            }

            var eq = word.IndexOf('=', StringComparison.Ordinal);
            var node = KeyValue(word[..eq], word[(eq + 1)..], "=");
            first ??= node;
            if (prev is not null)
            {
                prev.Next = node;
            }

            prev = node.Next!.Next;
        }

        return first;
    }

    private static DockerfileNode KeyValue(string key, string value, string sep) =>
        new() { Value = key, Next = new DockerfileNode { Value = value, Next = new DockerfileNode { Value = sep } } };

    private static DockerfileNode? ParseNameOrNameVal(string rest, Directives d) => Chain(ParseWords(rest, d.EscapeToken));

    private static DockerfileNode? Chain(IEnumerable<string> values)
    {
        DockerfileNode? first = null;
        DockerfileNode? prev = null;
        foreach (var v in values)
        {
            var node = new DockerfileNode { Value = v };
            first ??= node;
            if (prev is not null)
            {
                prev.Next = node;
            }

            prev = node;
        }

        return first;
    }

    private static DockerfileNode? ParseWhitespaceDelimited(string rest) =>
        rest.Length == 0 ? null : Chain(Whitespace().Split(rest));

    private static (DockerfileNode? Node, bool Json, bool NotStrings) ParseJson(string rest)
    {
        rest = rest.TrimStart();
        if (!rest.StartsWith('['))
        {
            return (null, false, false);
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(rest);
        }
        catch (JsonException)
        {
            return (null, false, false);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                return (null, false, false);
            }

            var values = new List<string>();
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                if (e.ValueKind != JsonValueKind.String)
                {
                    return (null, false, true);
                }

                values.Add(e.GetString()!);
            }

            return (Chain(values), true, false);
        }
    }

    private static (DockerfileNode? Node, bool Json) ParseMaybeJson(string rest)
    {
        if (rest.Length == 0)
        {
            return (null, false);
        }

        var (node, json, notStrings) = ParseJson(rest);
        if (notStrings)
        {
            throw new DockerfileParseException("when using JSON array syntax, arrays must be comprised of strings only");
        }

        return json ? (node, true) : (new DockerfileNode { Value = rest }, false);
    }

    private static (DockerfileNode? Node, bool Json) ParseMaybeJsonToList(string rest)
    {
        var (node, json, notStrings) = ParseJson(rest);
        if (notStrings)
        {
            throw new DockerfileParseException("when using JSON array syntax, arrays must be comprised of strings only");
        }

        return json ? (node, true) : (ParseWhitespaceDelimited(rest), false);
    }

    private static (DockerfileNode? Node, bool Json) ParseHealthConfig(string rest)
    {
        int sep = 0;
        while (sep < rest.Length && !char.IsWhiteSpace(rest[sep]))
        {
            sep++;
        }

        int next = sep;
        while (next < rest.Length && char.IsWhiteSpace(rest[next]))
        {
            next++;
        }

        if (sep == 0)
        {
            return (null, false);
        }

        var (cmd, json) = ParseMaybeJson(rest[next..]);
        return (new DockerfileNode { Value = rest[..sep], Next = cmd }, json);
    }

    [GeneratedRegex(@"[\t\v\f\r ]+")]
    private static partial Regex Whitespace();

    // setEscapeToken's lineContinuationRegex for each allowed token.
    [GeneratedRegex(@"([^\\])\\[ \t]*$|^\\[ \t]*$", RegexOptions.CultureInvariant)]
    private static partial Regex BackslashContinuation();

    [GeneratedRegex(@"([^`])`[ \t]*$|^`[ \t]*$", RegexOptions.CultureInvariant)]
    private static partial Regex BacktickContinuation();

    [GeneratedRegex(@"^(\d*)<<(-?)\s*([^<]*)$")]
    private static partial Regex HeredocRegex();

    [GeneratedRegex(@"^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$")]
    private static partial Regex DirectiveRegex();

    private sealed class Directives
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private bool _done;

        public Directives() => SetEscapeToken("\\");

        public char EscapeToken { get; private set; }

        public Regex Continuation { get; private set; } = null!;

        public bool PossibleParserDirective(string line)
        {
            if (_done)
            {
                return false;
            }

            if (!line.StartsWith('#'))
            {
                _done = true;
                return false;
            }

            var m = DirectiveRegex().Match(line[1..].TrimStart());
            if (!m.Success)
            {
                _done = true;
                return false;
            }

            var key = m.Groups[1].Value.ToLowerInvariant();
            if (key is not ("syntax" or "escape" or "check"))
            {
                _done = true;
                return false;
            }

            if (!_seen.Add(key))
            {
                throw new DockerfileParseException($"only one {key} parser directive can be used");
            }

            if (key == "escape")
            {
                SetEscapeToken(m.Groups[2].Value);
            }

            return true;
        }

        private void SetEscapeToken(string s)
        {
            if (s is not ("`" or "\\"))
            {
                throw new DockerfileParseException($"invalid escape token '{s}' does not match ` or \\");
            }

            EscapeToken = s[0];
            Continuation = s == "`" ? BacktickContinuation() : BackslashContinuation();
        }
    }
}

/// <summary>The result of <see cref="DockerfileParser.Parse(string)"/>.</summary>
/// <param name="Ast">The root node; its children are the instructions.</param>
/// <param name="EscapeToken">The escape token: <c>\</c>, or <c>`</c> after <c># escape=`</c>.</param>
/// <param name="Warnings">Parser warnings, e.g. <c>Empty continuation line found in: RUN a b</c>.</param>
public sealed record DockerfileParseResult(DockerfileNode Ast, char EscapeToken, IReadOnlyList<string> Warnings);

/// <summary>A Dockerfile syntax error, with the lines BuildKit reports it at.</summary>
public sealed class DockerfileParseException : DockerSimulatorException
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">BuildKit's text, e.g. <c>unterminated heredoc</c>.</param>
    /// <param name="startLine">The first line (1-based; 0 when unknown).</param>
    /// <param name="endLine">The last line (0 when the same as <paramref name="startLine"/>).</param>
    public DockerfileParseException(string message, int startLine = 0, int endLine = 0)
        : base(ErrorKind.InvalidArgument, message)
    {
        StartLine = startLine;
        EndLine = Math.Max(startLine, endLine);
    }

    /// <summary>The first line of the error's location (1-based), 0 when unknown.</summary>
    public int StartLine { get; }

    /// <summary>The last line of the error's location.</summary>
    public int EndLine { get; }
}
