using System.Text;

namespace Simulator.Userland.Shell;

/// <summary>
/// A recursive-descent parser for the busybox ash subset (POSIX shell grammar): words with quoting and
/// expansions, simple commands with redirections and here-documents, pipelines, and/or lists, sequences,
/// subshells, groups, if, for, while, until, case, functions. Syntax errors use ash's texts.
/// </summary>
internal sealed class ShellParser
{
    private static readonly HashSet<string> Closers = ["then", "elif", "else", "fi", "do", "done", "esac", "}"];
    private static readonly HashSet<string> Reserved = ["if", "then", "elif", "else", "fi", "do", "done", "case", "esac", "while", "until", "for", "{", "}", "!", "in"];

    private readonly string _s;
    private readonly List<Redirection> _pendingHereDocs = [];
    private bool _strictHereDocs;
    private int _p;
    private int _line;

    private ShellParser(string source, int position, int line)
    {
        _s = source;
        _p = position;
        _line = line;
    }

    /// <summary>Parses a whole program; with <paramref name="moreInputMayFollow"/>, a here-document without its delimiter is an incomplete-input error.</summary>
    public static Node Parse(string source, bool moreInputMayFollow = false)
    {
        var parser = new ShellParser(source, 0, 1) { _strictHereDocs = moreInputMayFollow };
        var list = parser.ParseList();
        parser.SkipBlanks();
        if (parser._p < parser._s.Length)
        {
            throw parser.Unexpected();
        }

        return list;
    }

    /// <summary>Parses a word alone (as a Dockerfile's ProcessWord does), the whole input being one word's characters.</summary>
    public static Word ParseWordText(string text)
    {
        var parser = new ShellParser(text, 0, 1);
        return parser.ReadWordUntil(null, inDq: false, allowSpaces: true);
    }

    /// <summary>Parses a here-document body with expansions.</summary>
    public static Word ParseHereDoc(string text)
    {
        var parser = new ShellParser(text, 0, 1);
        var parts = parser.ReadDoubleQuotedParts(hereDoc: true);
        return new Word(parts, text);
    }

    private ShellSyntaxException Error(string message) => new(message, incomplete: _p >= _s.Length);

    private ShellSyntaxException Unexpected()
    {
        SkipBlanks();
        if (_p >= _s.Length)
        {
            return Error("unexpected end of file");
        }

        var op = PeekOperator();
        if (op == "\n")
        {
            return Error("unexpected newline");
        }

        if (op is not null)
        {
            return Error($"unexpected \"{op}\"");
        }

        var w = PeekRawWord();
        return Error($"unexpected \"{w}\"");
    }

    private ShellSyntaxException Expecting(string what)
    {
        SkipBlanks();
        if (_p >= _s.Length)
        {
            return Error($"unexpected end of file (expecting \"{what}\")");
        }

        return Unexpected();
    }

    // ---- lists ----
    private Node ParseList()
    {
        var items = new List<(Node, bool)>();
        while (true)
        {
            SkipLinebreaks();
            if (AtListEnd())
            {
                break;
            }

            var cmd = ParseAndOr();
            SkipBlanks();
            var op = PeekOperator();
            if (op == ";" || op == "&")
            {
                _p++;
                items.Add((cmd, op == "&"));
                continue;
            }

            items.Add((cmd, false));
            if (op == "\n")
            {
                continue;
            }

            if (AtListEnd())
            {
                break;
            }

            throw Unexpected();
        }

        return new SequenceNode(items);
    }

    private bool AtListEnd()
    {
        SkipBlanks();
        if (_p >= _s.Length)
        {
            return true;
        }

        var op = PeekOperator();
        if (op is ")" or ";;")
        {
            return true;
        }

        if (op is null)
        {
            var w = PeekRawWord();
            return Closers.Contains(w);
        }

        return false;
    }

    private Node ParseNonEmptyList(string expecting)
    {
        var list = (SequenceNode)ParseList();
        if (list.Items.Count == 0)
        {
            throw Expecting(expecting);
        }

        return list;
    }

    private Node ParseAndOr()
    {
        var first = ParsePipeline();
        var rest = new List<(bool, Node)>();
        while (true)
        {
            SkipBlanks();
            var op = PeekOperator();
            if (op is not ("&&" or "||"))
            {
                break;
            }

            _p += 2;
            SkipLinebreaks();
            rest.Add((op == "&&", ParsePipeline()));
        }

        return rest.Count == 0 ? first : new AndOrNode(first, rest);
    }

    private Node ParsePipeline()
    {
        SkipBlanks();
        var negate = false;
        if (PeekOperator() is null && PeekRawWord() == "!")
        {
            _p++;
            negate = true;
        }

        var cmds = new List<Node> { ParseCommand() };
        while (true)
        {
            SkipBlanks();
            if (PeekOperator() != "|")
            {
                break;
            }

            _p++;
            SkipLinebreaks();
            cmds.Add(ParseCommand());
        }

        return cmds.Count == 1 && !negate ? cmds[0] : new PipelineNode(cmds, negate);
    }

    private Node ParseCommand()
    {
        SkipBlanks();
        var op = PeekOperator();
        Node? compound = null;
        if (op == "(")
        {
            _p++;
            var body = ParseList();
            SkipBlanks();
            if (PeekOperator() != ")")
            {
                throw Expecting(")");
            }

            _p++;
            compound = new SubshellNode(body);
        }
        else if (op is null)
        {
            var w = PeekRawWord();
            switch (w)
            {
                case "if":
                    compound = ParseIf();
                    break;
                case "while":
                case "until":
                    _p += w.Length;
                    var cond = ParseNonEmptyList("do");
                    ExpectWord("do");
                    var loopBody = ParseNonEmptyList("done");
                    ExpectWord("done");
                    compound = new LoopNode(cond, loopBody, w == "until");
                    break;
                case "for":
                    compound = ParseFor();
                    break;
                case "case":
                    compound = ParseCase();
                    break;
                case "[[":
                    compound = ParseConditional();
                    break;
                case "{":
                    _p++;
                    var group = ParseNonEmptyList("}");
                    ExpectWord("}");
                    compound = new GroupNode(group);
                    break;
                default:
                    if (Closers.Contains(w))
                    {
                        throw Error($"unexpected \"{w}\"");
                    }

                    var fn = TryParseFunction();
                    if (fn is not null)
                    {
                        return fn;
                    }

                    break;
            }
        }

        if (compound is not null)
        {
            var redirs = new List<Redirection>();
            while (TryParseRedirection(redirs))
            {
            }

            return redirs.Count == 0 ? compound : new RedirectedNode(compound, redirs);
        }

        return ParseSimple();
    }

    private Node? TryParseFunction()
    {
        var start = _p;
        var q = _p;
        while (q < _s.Length && (char.IsAsciiLetterOrDigit(_s[q]) || _s[q] == '_'))
        {
            q++;
        }

        if (q == start || char.IsAsciiDigit(_s[start]))
        {
            return null;
        }

        var name = _s[start..q];
        var r = q;
        while (r < _s.Length && _s[r] is ' ' or '\t')
        {
            r++;
        }

        if (r >= _s.Length || _s[r] != '(')
        {
            return null;
        }

        r++;
        while (r < _s.Length && _s[r] is ' ' or '\t')
        {
            r++;
        }

        if (r >= _s.Length || _s[r] != ')')
        {
            throw Error("unexpected \"(\"");
        }

        _p = r + 1;
        SkipLinebreaks();
        var body = ParseCommand();
        return new FunctionNode(name, body);
    }

    private Node ParseConditional()
    {
        _p += 2;
        var tokens = new List<Word>();
        while (true)
        {
            SkipBlanks();
            if (_p >= _s.Length)
            {
                throw Expecting("]]");
            }

            if (_s[_p] == '\n')
            {
                throw Error("unexpected newline");
            }

            if (PeekOperator() is null && PeekRawWord() == "]]")
            {
                _p += 2;
                break;
            }

            var op = _s[_p..].StartsWith("&&", StringComparison.Ordinal) ? "&&"
                : _s[_p..].StartsWith("||", StringComparison.Ordinal) ? "||"
                : _s[_p] is '(' or ')' or '<' or '>' ? _s[_p].ToString()
                : null;
            if (op is not null)
            {
                _p += op.Length;
                tokens.Add(new Word([], op));
                continue;
            }

            tokens.Add(ReadWord() ?? throw Unexpected());
        }

        if (tokens.Count == 0)
        {
            throw Error("unexpected \"]]\"");
        }

        return new ConditionalNode(tokens);
    }

    private Node ParseIf()
    {
        _p += 2;
        var branches = new List<(Node, Node)>();
        Node? elseBody = null;
        var cond = ParseNonEmptyList("then");
        ExpectWord("then");
        var body = ParseNonEmptyList("fi");
        branches.Add((cond, body));
        while (true)
        {
            SkipBlanks();
            var w = PeekOperator() is null ? PeekRawWord() : "";
            if (w == "elif")
            {
                _p += 4;
                cond = ParseNonEmptyList("then");
                ExpectWord("then");
                body = ParseNonEmptyList("fi");
                branches.Add((cond, body));
            }
            else if (w == "else")
            {
                _p += 4;
                elseBody = ParseNonEmptyList("fi");
                ExpectWord("fi");
                break;
            }
            else
            {
                ExpectWord("fi");
                break;
            }
        }

        return new IfNode(branches, elseBody);
    }

    private Node ParseFor()
    {
        _p += 3;
        SkipBlanks();
        var nameWord = PeekOperator() is null ? PeekRawWord() : "";
        if (nameWord.Length == 0 || !IsName(nameWord))
        {
            throw Error("bad for loop variable");
        }

        _p += nameWord.Length;
        List<Word>? items = null;
        SkipBlanks();
        var save = _p;
        SkipLinebreaks();
        if (PeekOperator() is null && PeekRawWord() == "in")
        {
            _p += 2;
            items = [];
            while (true)
            {
                SkipBlanks();
                var op = PeekOperator();
                if (op is not null)
                {
                    break;
                }

                items.Add(ReadWord()!);
            }

            SkipBlanks();
            var sep = PeekOperator();
            if (sep is ";" or "\n")
            {
                if (sep == ";")
                {
                    _p++;
                }
            }
            else
            {
                throw Unexpected();
            }
        }
        else
        {
            _p = save;
            SkipBlanks();
            if (PeekOperator() == ";")
            {
                _p++;
            }
        }

        SkipLinebreaks();
        ExpectWord("do");
        var body = ParseNonEmptyList("done");
        ExpectWord("done");
        return new ForNode(nameWord, items, body);
    }

    private Node ParseCase()
    {
        _p += 4;
        SkipBlanks();
        var subject = ReadWord() ?? throw Unexpected();
        SkipLinebreaks();
        ExpectWord("in");
        var items = new List<(IReadOnlyList<Word>, Node)>();
        while (true)
        {
            SkipLinebreaks();
            if (PeekOperator() is null && PeekRawWord() == "esac")
            {
                _p += 4;
                break;
            }

            if (_p >= _s.Length)
            {
                throw Expecting("esac");
            }

            if (PeekOperator() == "(")
            {
                _p++;
                SkipBlanks();
            }

            var patterns = new List<Word>();
            while (true)
            {
                SkipBlanks();
                var w = ReadWord() ?? throw Unexpected();
                patterns.Add(w);
                SkipBlanks();
                var op = PeekOperator();
                if (op == "|")
                {
                    _p++;
                    continue;
                }

                if (op == ")")
                {
                    _p++;
                    break;
                }

                throw Unexpected();
            }

            var body = ParseList();
            SkipBlanks();
            items.Add((patterns, body));
            if (PeekOperator() == ";;")
            {
                _p += 2;
                continue;
            }

            SkipLinebreaks();
            if (PeekOperator() is null && PeekRawWord() == "esac")
            {
                _p += 4;
                break;
            }

            throw Expecting("esac");
        }

        return new CaseNode(subject, items);
    }

    private void ExpectWord(string word)
    {
        SkipLinebreaks();
        if (PeekOperator() is null && PeekRawWord() == word)
        {
            _p += word.Length;
            return;
        }

        throw Expecting(word);
    }

    private Node ParseSimple()
    {
        var line = _line;
        var assigns = new List<Word>();
        var words = new List<Word>();
        var redirs = new List<Redirection>();
        while (true)
        {
            SkipBlanks();
            if (TryParseRedirection(redirs))
            {
                continue;
            }

            if (_p >= _s.Length || PeekOperator() is not null)
            {
                break;
            }

            var w = ReadWord();
            if (w is null)
            {
                break;
            }

            if (words.Count == 0 && IsAssignment(w))
            {
                assigns.Add(w);
            }
            else
            {
                words.Add(w);
            }
        }

        if (assigns.Count == 0 && words.Count == 0 && redirs.Count == 0)
        {
            throw Unexpected();
        }

        return new SimpleCommand(assigns, words, redirs, line);
    }

    internal static bool IsAssignment(Word w)
    {
        if (w.Parts.Count == 0 || w.Parts[0] is not LiteralPart lit)
        {
            return false;
        }

        var eq = lit.Text.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 && IsName(lit.Text[..eq]);
    }

    internal static bool IsName(string s) =>
        s.Length > 0 && (char.IsAsciiLetter(s[0]) || s[0] == '_') && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private bool TryParseRedirection(List<Redirection> redirs)
    {
        SkipBlanks();
        var start = _p;
        var q = _p;
        while (q < _s.Length && char.IsAsciiDigit(_s[q]))
        {
            q++;
        }

        if (q >= _s.Length || _s[q] is not ('<' or '>'))
        {
            return false;
        }

        var fd = q > start ? int.Parse(_s.AsSpan(start, q - start), System.Globalization.CultureInfo.InvariantCulture) : -1;
        _p = q;
        string op;
        string[] ops = ["<<-", "<<", "<&", "<>", "<", ">>", ">&", ">|", ">"];
        op = ops.First(o => string.CompareOrdinal(_s, _p, o, 0, o.Length) == 0);
        _p += op.Length;
        if (fd < 0)
        {
            fd = op[0] == '<' ? 0 : 1;
        }

        SkipBlanks();
        if (_p >= _s.Length || PeekOperator() is not null)
        {
            throw Unexpected();
        }

        var target = ReadWord() ?? throw Unexpected();
        var redir = new Redirection(fd, op, target);
        if (op is "<<" or "<<-")
        {
            _pendingHereDocs.Add(redir);
        }

        redirs.Add(redir);
        return true;
    }

    // ---- lexical helpers ----
    private void SkipBlanks()
    {
        while (_p < _s.Length)
        {
            var c = _s[_p];
            if (c is ' ' or '\t' or '\r')
            {
                _p++;
            }
            else if (c == '\\' && _p + 1 < _s.Length && _s[_p + 1] == '\n')
            {
                _p += 2;
                _line++;
            }
            else if (c == '#')
            {
                while (_p < _s.Length && _s[_p] != '\n')
                {
                    _p++;
                }
            }
            else
            {
                break;
            }
        }
    }

    private void SkipLinebreaks()
    {
        while (true)
        {
            SkipBlanks();
            if (_p < _s.Length && _s[_p] == '\n')
            {
                ConsumeNewline();
            }
            else
            {
                break;
            }
        }
    }

    private void ConsumeNewline()
    {
        _p++;
        _line++;
        if (_pendingHereDocs.Count == 0)
        {
            return;
        }

        var docs = _pendingHereDocs.ToList();
        _pendingHereDocs.Clear();
        foreach (var doc in docs)
        {
            ReadHereDocBody(doc);
        }
    }

    private void ReadHereDocBody(Redirection doc)
    {
        var raw = doc.Target.Raw;
        var quoted = raw.IndexOfAny(['\'', '"', '\\']) >= 0;
        var delimiter = quoted ? raw.Replace("'", "", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal).Replace("\\", "", StringComparison.Ordinal) : raw;
        var strip = doc.Op == "<<-";
        var body = new StringBuilder();
        var found = false;
        while (_p < _s.Length)
        {
            var end = _s.IndexOf('\n', _p);
            var lineText = end < 0 ? _s[_p..] : _s[_p..end];
            _p = end < 0 ? _s.Length : end + 1;
            _line++;
            if (strip)
            {
                lineText = lineText.TrimStart('\t');
            }

            if (lineText == delimiter)
            {
                found = true;
                break;
            }

            body.Append(lineText).Append('\n');
        }

        if (!found && _strictHereDocs)
        {
            throw new ShellSyntaxException("unexpected end of file (expecting here-document delimiter)", incomplete: true);
        }

        var text = body.ToString();
        doc.HereDoc = quoted ? new Word([new QuotedPart(text)], text) : ParseHereDoc(text);
    }

    private string? PeekOperator()
    {
        if (_p >= _s.Length)
        {
            return null;
        }

        var c = _s[_p];
        var next = _p + 1 < _s.Length ? _s[_p + 1] : '\0';
        return c switch
        {
            '\n' => "\n",
            ';' => next == ';' ? ";;" : ";",
            '&' => next == '&' ? "&&" : "&",
            '|' => next == '|' ? "||" : "|",
            '(' => "(",
            ')' => ")",
            '<' or '>' => c.ToString(),
            _ => null,
        };
    }

    /// <summary>The raw characters of the upcoming word up to a delimiter (no quote processing), for reserved-word checks.</summary>
    private string PeekRawWord()
    {
        var q = _p;
        while (q < _s.Length && !IsDelimiter(_s[q]))
        {
            q++;
        }

        return _s[_p..q];
    }

    private static bool IsDelimiter(char c) => c is ' ' or '\t' or '\n' or '\r' or ';' or '&' or '|' or '<' or '>' or '(' or ')';

    private Word? ReadWord()
    {
        SkipBlanks();
        if (_p >= _s.Length || IsDelimiter(_s[_p]))
        {
            return null;
        }

        return ReadWordUntil(null, inDq: false, allowSpaces: false);
    }

    /// <summary>Reads word characters until a delimiter (or <paramref name="terminator"/>, not consumed).</summary>
    private Word ReadWordUntil(char? terminator, bool inDq, bool allowSpaces, char? alsoStopAt = null)
    {
        var start = _p;
        var parts = new List<WordPart>();
        var lit = new StringBuilder();
        void Flush()
        {
            if (lit.Length > 0)
            {
                parts.Add(inDq ? new QuotedPart(lit.ToString()) : new LiteralPart(lit.ToString()));
                lit.Clear();
            }
        }

        if (!inDq && terminator is null && _p < _s.Length && _s[_p] == '~')
        {
            var q = _p + 1;
            while (q < _s.Length && (char.IsAsciiLetterOrDigit(_s[q]) || _s[q] is '_' or '-' or '.'))
            {
                q++;
            }

            if (q >= _s.Length || _s[q] == '/' || IsDelimiter(_s[q]))
            {
                parts.Add(new TildePart(_s[(_p + 1)..q]));
                _p = q;
            }
        }

        while (_p < _s.Length)
        {
            var c = _s[_p];
            if (terminator is not null && (c == terminator || c == alsoStopAt))
            {
                break;
            }

            if (terminator is null && !allowSpaces && IsDelimiter(c))
            {
                break;
            }

            switch (c)
            {
                case '\'' when !inDq:
                    {
                        Flush();
                        var end = _s.IndexOf('\'', _p + 1);
                        if (end < 0)
                        {
                            throw new ShellSyntaxException("unterminated quoted string", incomplete: true);
                        }

                        parts.Add(new QuotedPart(_s[(_p + 1)..end]));
                        CountLines(_p, end);
                        _p = end + 1;
                        break;
                    }

                case '"' when !inDq:
                    {
                        Flush();
                        _p++;
                        var inner = ReadDoubleQuotedParts(hereDoc: false);
                        parts.Add(new DoubleQuotedPart(inner));
                        break;
                    }

                case '\\':
                    {
                        if (_p + 1 >= _s.Length)
                        {
                            lit.Append('\\');
                            _p++;
                            break;
                        }

                        var n = _s[_p + 1];
                        if (n == '\n')
                        {
                            _p += 2;
                            _line++;
                            break;
                        }

                        if (inDq && n is not ('$' or '`' or '"' or '\\' or '}'))
                        {
                            lit.Append('\\');
                            _p++;
                            break;
                        }

                        Flush();
                        parts.Add(new QuotedPart(n.ToString()));
                        _p += 2;
                        break;
                    }

                case '$':
                    Flush();
                    parts.Add(ReadDollar(inDq));
                    break;
                case '`':
                    Flush();
                    parts.Add(ReadBacktick());
                    break;
                default:
                    if (c == '\n')
                    {
                        _line++;
                    }

                    lit.Append(c);
                    _p++;
                    break;
            }
        }

        if (terminator is not null && _p >= _s.Length)
        {
            throw Error("bad substitution");
        }

        Flush();
        return new Word(parts, _s[start.._p]);
    }

    private void CountLines(int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (_s[i] == '\n')
            {
                _line++;
            }
        }
    }

    /// <summary>Reads a double-quoted run after the opening quote (consuming the closing one), or a here-document body to the end.</summary>
    private List<WordPart> ReadDoubleQuotedParts(bool hereDoc)
    {
        var parts = new List<WordPart>();
        var lit = new StringBuilder();
        void Flush()
        {
            if (lit.Length > 0)
            {
                parts.Add(new QuotedPart(lit.ToString()));
                lit.Clear();
            }
        }

        while (true)
        {
            if (_p >= _s.Length)
            {
                if (hereDoc)
                {
                    break;
                }

                throw new ShellSyntaxException("unterminated quoted string", incomplete: true);
            }

            var c = _s[_p];
            if (c == '"' && !hereDoc)
            {
                _p++;
                break;
            }

            if (c == '\\' && _p + 1 < _s.Length)
            {
                var n = _s[_p + 1];
                if (n == '\n')
                {
                    _p += 2;
                    _line++;
                    continue;
                }

                if (n is '$' or '`' or '\\' || (n == '"' && !hereDoc))
                {
                    lit.Append(n);
                    _p += 2;
                    continue;
                }

                lit.Append('\\');
                _p++;
                continue;
            }

            if (c == '$')
            {
                Flush();
                parts.Add(ReadDollar(inDq: true));
                continue;
            }

            if (c == '`')
            {
                Flush();
                parts.Add(ReadBacktick());
                continue;
            }

            if (c == '\n')
            {
                _line++;
            }

            lit.Append(c);
            _p++;
        }

        Flush();
        return parts;
    }

    private WordPart ReadBacktick()
    {
        var sb = new StringBuilder();
        _p++;
        while (true)
        {
            if (_p >= _s.Length)
            {
                throw new ShellSyntaxException("unterminated quoted string", incomplete: true);
            }

            var c = _s[_p];
            if (c == '`')
            {
                _p++;
                break;
            }

            if (c == '\\' && _p + 1 < _s.Length && _s[_p + 1] is '$' or '`' or '\\')
            {
                sb.Append(_s[_p + 1]);
                _p += 2;
                continue;
            }

            sb.Append(c);
            _p++;
        }

        return new CommandSubstPart(Parse(sb.ToString()));
    }

    private WordPart ReadDollar(bool inDq)
    {
        // at '$'
        var n = _p + 1 < _s.Length ? _s[_p + 1] : '\0';
        if (n == '(' && _p + 2 < _s.Length && _s[_p + 2] == '(')
        {
            var depth = 0;
            var q = _p + 3;
            while (q < _s.Length)
            {
                if (_s[q] == '(')
                {
                    depth++;
                }
                else if (_s[q] == ')')
                {
                    if (depth == 0 && q + 1 < _s.Length && _s[q + 1] == ')')
                    {
                        break;
                    }

                    depth--;
                }

                q++;
            }

            if (q >= _s.Length)
            {
                throw new ShellSyntaxException("unterminated quoted string", incomplete: true);
            }

            var exprText = _s[(_p + 3)..q];
            _p = q + 2;
            var sub = new ShellParser(exprText, 0, _line);
            var expr = sub.ReadDoubleQuotedParts(hereDoc: true);
            return new ArithPart(new Word(expr, exprText));
        }

        if (n == '(')
        {
            var sub = new ShellParser(_s, _p + 2, _line) { _strictHereDocs = _strictHereDocs };
            var body = sub.ParseList();
            sub.SkipBlanks();
            if (sub._p >= _s.Length || _s[sub._p] != ')')
            {
                throw sub.Expecting(")");
            }

            _p = sub._p + 1;
            _line = sub._line;
            return new CommandSubstPart(body);
        }

        if (n == '{')
        {
            _p += 2;
            string name;
            if (_p < _s.Length && _s[_p] == '#' && _p + 1 < _s.Length && _s[_p + 1] != '}')
            {
                _p++;
                name = ReadParamName() ?? throw Error("bad substitution");
                if (_p >= _s.Length || _s[_p] != '}')
                {
                    throw Error("bad substitution");
                }

                _p++;
                return new ParamPart(name, "len", null);
            }

            name = ReadParamName() ?? throw Error("bad substitution");
            if (_p >= _s.Length)
            {
                throw Error("bad substitution");
            }

            if (_s[_p] == '}')
            {
                _p++;
                return new ParamPart(name, "", null);
            }

            string[] ops = [":-", ":=", ":+", ":?", ":", "-", "=", "+", "?", "##", "#", "%%", "%", "//", "/"];
            var op = ops.FirstOrDefault(o => string.CompareOrdinal(_s, _p, o, 0, o.Length) == 0)
                ?? throw Error("bad substitution");
            _p += op.Length;
            if (op is "/" or "//")
            {
                var pattern = ReadWordUntil('}', inDq: false, allowSpaces: true, alsoStopAt: '/');
                Word? replacement = null;
                if (_s[_p] == '/')
                {
                    _p++;
                    replacement = ReadWordUntil('}', inDq, allowSpaces: true);
                }

                _p++;
                return new ParamPart(name, op, pattern, replacement);
            }

            // A trimming pattern is a pattern even inside double quotes (POSIX 2.6.2).
            var arg = ReadWordUntil('}', inDq && op is not ("#" or "##" or "%" or "%%"), allowSpaces: true);
            _p++;
            return new ParamPart(name, op, arg);
        }

        _p++;
        if (_p < _s.Length)
        {
            var c = _s[_p];
            if (c is '@' or '*' or '#' or '?' or '-' or '$' or '!' || char.IsAsciiDigit(c))
            {
                _p++;
                return new ParamPart(c.ToString(), "", null);
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                var q = _p;
                while (q < _s.Length && (char.IsAsciiLetterOrDigit(_s[q]) || _s[q] == '_'))
                {
                    q++;
                }

                var name = _s[_p..q];
                _p = q;
                return new ParamPart(name, "", null);
            }
        }

        return inDq ? new QuotedPart("$") : new LiteralPart("$");
    }

    private string? ReadParamName()
    {
        if (_p >= _s.Length)
        {
            return null;
        }

        var c = _s[_p];
        if (c is '@' or '*' or '#' or '?' or '-' or '$' or '!')
        {
            _p++;
            return c.ToString();
        }

        var q = _p;
        if (char.IsAsciiDigit(c))
        {
            while (q < _s.Length && char.IsAsciiDigit(_s[q]))
            {
                q++;
            }
        }
        else
        {
            while (q < _s.Length && (char.IsAsciiLetterOrDigit(_s[q]) || _s[q] == '_'))
            {
                q++;
            }

            if (q == _p || char.IsAsciiDigit(_s[_p]))
            {
                return null;
            }
        }

        var name = _s[_p..q];
        _p = q;
        return name;
    }
}
