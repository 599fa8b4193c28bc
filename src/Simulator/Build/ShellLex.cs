using System.Text;
using System.Text.RegularExpressions;

namespace Simulator.Build;

/// <summary>
/// Dockerfile word processing: quote removal, escapes and <c>$VAR</c> / <c>${VAR...}</c> expansion, a port of
/// BuildKit's <c>shell.Lex</c> (frontend/dockerfile/shell/lex.go). Not thread-safe (holds a scan position).
/// </summary>
internal sealed class ShellLex(char escapeToken = '\\')
{
    private const int Eof = -1;
    private string _src = "";
    private int _pos;
    private bool _rawEscapes;
    private Func<string, string?> _env = static _ => null;

    public bool RawQuotes { get; set; }

    public bool RawEscapes { get; set; }

    public bool SkipProcessQuotes { get; set; }

    public bool SkipUnsetEnv { get; set; }

    /// <summary>Expands one word (quotes removed, whitespace kept).</summary>
    /// <exception cref="ShellLexException">Unterminated quote, bad substitution, <c>${X?msg}</c> on an unset variable.</exception>
    public string ProcessWord(string word, Func<string, string?> env) => Process(word, env).Word;

    /// <summary>Expands and splits into words (after expansion, quotes protect spaces).</summary>
    /// <exception cref="ShellLexException">As <see cref="ProcessWord"/>.</exception>
    public List<string> ProcessWords(string word, Func<string, string?> env) => Process(word, env).Words;

    /// <summary>Expands and returns both forms.</summary>
    /// <exception cref="ShellLexException">As <see cref="ProcessWord"/>.</exception>
    public (string Word, List<string> Words) Process(string word, Func<string, string?> env)
    {
        _src = word;
        _pos = 0;
        _env = env;
        _rawEscapes = RawEscapes;
        try
        {
            return ProcessStopOn(Eof, _rawEscapes);
        }
        catch (ShellLexException ex)
        {
            throw new ShellLexException($"failed to process {DockerfileNode.GoQuote(word)}: {ex.Message}");
        }
    }

    private int Peek() => _pos < _src.Length ? _src[_pos] : Eof;

    private int Next() => _pos < _src.Length ? _src[_pos++] : Eof;

    private sealed class Words
    {
        private readonly StringBuilder _buf = new();
        private readonly List<string> _words = [];
        private bool _inWord;

        public void AddChar(char ch)
        {
            if (char.IsWhiteSpace(ch) && _inWord)
            {
                if (_buf.Length != 0)
                {
                    _words.Add(_buf.ToString());
                    _buf.Clear();
                    _inWord = false;
                }
            }
            else if (!char.IsWhiteSpace(ch))
            {
                AddRawChar(ch);
            }
        }

        public void AddRawChar(char ch)
        {
            _buf.Append(ch);
            _inWord = true;
        }

        public void AddString(string s)
        {
            foreach (var ch in s)
            {
                AddChar(ch);
            }
        }

        public void AddRawString(string s)
        {
            _buf.Append(s);
            _inWord = true;
        }

        public List<string> GetWords()
        {
            if (_buf.Length > 0)
            {
                _words.Add(_buf.ToString());
                _buf.Clear();
                _inWord = false;
            }

            return _words;
        }
    }

    private (string Word, List<string> Words) ProcessStopOn(int stopChar, bool rawEscapes)
    {
        var result = new StringBuilder();
        var words = new Words();
        bool saved = _rawEscapes;
        _rawEscapes = rawEscapes;
        try
        {
            while (Peek() != Eof)
            {
                int ch = Peek();
                if (stopChar != Eof && ch == stopChar)
                {
                    Next();
                    return (result.ToString(), words.GetWords());
                }

                string? special = ch switch
                {
                    '$' => ProcessDollar(),
                    '<' => ProcessPossibleHeredoc(),
                    '\'' when !SkipProcessQuotes => ProcessSingleQuote(),
                    '"' when !SkipProcessQuotes => ProcessDoubleQuote(),
                    _ => null,
                };
                if (special is not null)
                {
                    result.Append(special);
                    if (ch == '$')
                    {
                        words.AddString(special);
                    }
                    else
                    {
                        words.AddRawString(special);
                    }

                    continue;
                }

                ch = Next();
                if (ch == escapeToken)
                {
                    if (_rawEscapes)
                    {
                        words.AddRawChar((char)ch);
                        result.Append((char)ch);
                    }

                    ch = Next();
                    if (ch == Eof)
                    {
                        break;
                    }

                    words.AddRawChar((char)ch);
                }
                else
                {
                    words.AddChar((char)ch);
                }

                result.Append((char)ch);
            }

            if (stopChar != Eof)
            {
                throw new ShellLexException($"unexpected end of statement while looking for matching {(char)stopChar}");
            }

            return (result.ToString(), words.GetWords());
        }
        finally
        {
            _rawEscapes = saved;
        }
    }

    private string ProcessSingleQuote()
    {
        var result = new StringBuilder();
        int ch = Next();
        if (RawQuotes)
        {
            result.Append((char)ch);
        }

        while (true)
        {
            ch = Next();
            if (ch == Eof)
            {
                throw new ShellLexException("unexpected end of statement while looking for matching single-quote");
            }

            if (ch == '\'')
            {
                if (RawQuotes)
                {
                    result.Append('\'');
                }

                return result.ToString();
            }

            result.Append((char)ch);
        }
    }

    private string ProcessDoubleQuote()
    {
        var result = new StringBuilder();
        int ch = Next();
        if (RawQuotes)
        {
            result.Append((char)ch);
        }

        while (true)
        {
            switch (Peek())
            {
                case Eof:
                    throw new ShellLexException("unexpected end of statement while looking for matching double-quote");
                case '"':
                    Next();
                    if (RawQuotes)
                    {
                        result.Append('"');
                    }

                    return result.ToString();
                case '$':
                    result.Append(ProcessDollar());
                    break;
                default:
                    ch = Next();
                    if (ch == escapeToken)
                    {
                        if (_rawEscapes)
                        {
                            result.Append((char)ch);
                        }

                        int p = Peek();
                        if (p == Eof)
                        {
                            continue;
                        }

                        if (p == '"' || p == '$' || p == escapeToken)
                        {
                            ch = Next();
                        }
                    }

                    result.Append((char)ch);
                    break;
            }
        }
    }

    private string ProcessDollar()
    {
        Next();
        if (Peek() != '{')
        {
            var name = ProcessName();
            if (name.Length == 0)
            {
                return "$";
            }

            var value = _env(name);
            if (value is null && SkipUnsetEnv)
            {
                return "$" + name;
            }

            return value ?? "";
        }

        Next();
        switch (Peek())
        {
            case Eof:
                throw new ShellLexException("syntax error: missing '}'");
            case '{' or '}' or ':':
                throw new ShellLexException("syntax error: bad substitution");
        }

        var n = ProcessName();
        int c = Next();
        string chs = c == Eof ? "" : ((char)c).ToString();
        bool nullIsUnset = false;
        switch (c)
        {
            case '}':
            {
                var value = _env(n);
                if (value is null && SkipUnsetEnv)
                {
                    return "${" + n + "}";
                }

                return value ?? "";
            }

            case ':' or '+' or '-' or '?' or '#' or '%':
            {
                if (c == ':')
                {
                    nullIsUnset = true;
                    c = Next();
                    chs += c == Eof ? "" : ((char)c).ToString();
                    if (c is not ('+' or '-' or '?' or '#' or '%'))
                    {
                        // Go falls through with an unknown modifier: processStopOn then the default case.
                        if (c == '#' || c == '%')
                        {
                            throw new ShellLexException($"unsupported modifier ({chs}) in substitution");
                        }
                    }
                }

                bool raw = c == '#' || c == '%';
                if (nullIsUnset && raw)
                {
                    throw new ShellLexException($"unsupported modifier ({chs}) in substitution");
                }

                string word;
                try
                {
                    word = ProcessStopOn('}', raw).Word;
                }
                catch (ShellLexException)
                {
                    if (Peek() == Eof)
                    {
                        throw new ShellLexException("syntax error: missing '}'");
                    }

                    throw;
                }

                var value = _env(n);
                bool set = value is not null;
                value ??= "";
                if (SkipUnsetEnv && !set)
                {
                    return "${" + n + chs + word + "}";
                }

                switch (c)
                {
                    case '-':
                        return !set || (nullIsUnset && value.Length == 0) ? word : value;
                    case '+':
                        return !set || (nullIsUnset && value.Length == 0) ? "" : word;
                    case '?':
                        if (!set)
                        {
                            throw new ShellLexException($"{n}: {(word.Length > 0 ? word : "is not allowed to be unset")}");
                        }

                        if (nullIsUnset && value.Length == 0)
                        {
                            throw new ShellLexException($"{n}: {(word.Length > 0 ? word : "is not allowed to be empty")}");
                        }

                        return value;
                    case '%' or '#':
                    {
                        bool greedy = false;
                        if (word.Length > 0 && word[0] == c)
                        {
                            greedy = true;
                            word = word[1..];
                        }

                        return c == '%' ? TrimSuffix(word, value, greedy) : TrimPrefix(word, value, greedy);
                    }

                    default:
                        throw new ShellLexException($"unsupported modifier ({chs}) in substitution");
                }
            }

            case '/':
            {
                bool all = Peek() == '/';
                if (all)
                {
                    Next();
                }

                string pattern, replacement;
                try
                {
                    pattern = ProcessStopOn('/', true).Word;
                }
                catch (ShellLexException)
                {
                    if (Peek() == Eof)
                    {
                        throw new ShellLexException("syntax error: missing '/' in ${}");
                    }

                    throw;
                }

                try
                {
                    replacement = ProcessStopOn('}', true).Word;
                }
                catch (ShellLexException)
                {
                    if (Peek() == Eof)
                    {
                        throw new ShellLexException("syntax error: missing '}'");
                    }

                    throw;
                }

                var value = _env(n);
                if (SkipUnsetEnv && value is null)
                {
                    return "${" + n + "/" + pattern + "/" + replacement + "}";
                }

                value ??= "";
                var re = PatternToRegex(pattern, true, false);
                if (all)
                {
                    return re.Replace(value, replacement.Replace("$", "$$", StringComparison.Ordinal));
                }

                var m = re.Match(value);
                return m.Success ? value[..m.Index] + replacement + value[(m.Index + m.Length)..] : value;
            }

            default:
                throw new ShellLexException($"unsupported modifier ({chs}) in substitution");
        }
    }

    private string ProcessName()
    {
        var name = new StringBuilder();
        while (Peek() != Eof)
        {
            char ch = (char)Peek();
            if (name.Length == 0 && char.IsDigit(ch))
            {
                while (Peek() != Eof && char.IsDigit((char)Peek()))
                {
                    name.Append((char)Next());
                }

                return name.ToString();
            }

            if (name.Length == 0 && ch is '@' or '*' or '#' or '?' or '-' or '$' or '!' or '0')
            {
                Next();
                return ch.ToString();
            }

            if (!char.IsLetter(ch) && !char.IsDigit(ch) && ch != '_')
            {
                break;
            }

            name.Append((char)Next());
        }

        return name.ToString();
    }

    private string ProcessPossibleHeredoc()
    {
        Next();
        if (Peek() != '<')
        {
            return "<";
        }

        Next();
        var sb = new StringBuilder("<<");
        while (Peek() is ' ' or '\t' or '\r')
        {
            sb.Append((char)Next());
        }

        return sb.ToString();
    }

    private static Regex PatternToRegex(string pattern, bool greedy, bool anchored)
    {
        var sb = new StringBuilder();
        if (anchored)
        {
            sb.Append('^');
        }

        for (int i = 0; i < pattern.Length; i++)
        {
            char tok = pattern[i];
            switch (tok)
            {
                case '*':
                    sb.Append(greedy ? ".*" : ".*?");
                    continue;
                case '?':
                    sb.Append('.');
                    continue;
                case '\\':
                    if (i + 1 < pattern.Length && pattern[i + 1] is '}' or '/')
                    {
                        continue;
                    }

                    sb.Append('\\');
                    i++;
                    if (i >= pattern.Length || pattern[i] is not ('*' or '?' or '\\'))
                    {
                        throw new ShellLexException($"invalid pattern ({pattern}) in substitution: invalid escape '\\{(i < pattern.Length ? pattern[i] : ' ')}'");
                    }

                    tok = pattern[i];
                    break;
                case '[' or ']' or '{' or '}' or '.' or '+' or '(' or ')' or '|' or '^' or '$':
                    sb.Append('\\');
                    break;
            }

            sb.Append(tok);
        }

        return new Regex(sb.ToString(), RegexOptions.CultureInvariant);
    }

    private static string TrimPrefix(string word, string value, bool greedy)
    {
        var m = PatternToRegex(word, greedy, true).Match(value);
        return m.Success ? value[(m.Index + m.Length)..] : value;
    }

    private static string ReversePattern(string pattern)
    {
        var runes = pattern.ToCharArray();
        var output = new char[runes.Length];
        int last = runes.Length - 1;
        for (int i = 0; i <= last;)
        {
            char tok = runes[i];
            int outIdx = last - i;
            if (tok == '\\' && i != last)
            {
                output[outIdx - 1] = tok;
                output[outIdx] = runes[i + 1];
                i += 2;
            }
            else
            {
                output[outIdx] = tok;
                i++;
            }
        }

        return new string(output);
    }

    private static string TrimSuffix(string pattern, string word, bool greedy)
    {
        var rev = new string(word.Reverse().ToArray());
        var trimmed = TrimPrefix(ReversePattern(pattern), rev, greedy);
        return new string(trimmed.Reverse().ToArray());
    }
}

/// <summary>A word-processing error of <see cref="ShellLex"/>.</summary>
internal sealed class ShellLexException(string message) : Exception(message);
