namespace Simulator.Cli.Templates;

/// <summary>Kinds of lexical items, as Go's text/template/parse lex.go <c>itemType</c> (keywords after <see cref="Keyword"/>).</summary>
internal enum ItemType
{
    Error,
    Bool,
    Char,
    CharConstant,
    Complex,
    Assign,
    Declare,
    Eof,
    Field,
    Identifier,
    LeftDelim,
    LeftParen,
    Number,
    Pipe,
    RawString,
    RightDelim,
    RightParen,
    Space,
    String,
    Text,
    Variable,
    Keyword,
    Block,
    Break,
    Continue,
    Dot,
    Define,
    Else,
    End,
    If,
    Nil,
    Range,
    Template,
    With,
}

/// <summary>A token: type, start offset (UTF-16) in the input, text, and line where it starts.</summary>
internal readonly record struct Item(ItemType Type, int Pos, string Val, int Line)
{
    /// <summary>Go's <c>item.String()</c>, used in "unexpected %s" parse errors.</summary>
    public override string ToString() => Type switch
    {
        ItemType.Eof => "EOF",
        ItemType.Error => Val,
        > ItemType.Keyword => "<" + Val + ">",
        _ when Val.Length > 10 => GoFmt.Quote(Val[..10]) + "...",
        _ => GoFmt.Quote(Val),
    };
}

/// <summary>
/// The template scanner, a port of Go's text/template/parse lex.go with default delimiters <c>{{ }}</c>,
/// trim markers and comments. Scans eagerly up to EOF or the first error item.
/// </summary>
internal sealed class Lexer
{
    private const string LeftDelim = "{{";
    private const string RightDelim = "}}";
    private const string LeftComment = "/*";
    private const string RightComment = "*/";
    private const string SpaceChars = " \t\r\n";
    private const int TrimMarkerLen = 2;

    private readonly string input;
    private readonly List<Item> items = [];
    private int pos;
    private int start;
    private int parenDepth;
    private int line = 1;
    private int startLine = 1;

    private Lexer(string input) => this.input = input;

    /// <summary>Scans <paramref name="input"/> into items; the last is EOF or an error.</summary>
    public static List<Item> Scan(string input)
    {
        var l = new Lexer(input);
        l.Run();
        return l.items;
    }

    private void Run()
    {
        Func<bool>? state = LexText;
        while (true)
        {
            // Each state returns false when scanning ends (EOF or error emitted).
            if (!state())
            {
                return;
            }

            state = next;
        }
    }

    private Func<bool> next = null!;

    private char Peek() => pos < input.Length ? input[pos] : '\0';

    private bool AtEof => pos >= input.Length;

    private void Emit(ItemType t)
    {
        items.Add(new Item(t, start, input[start..pos], startLine));
        start = pos;
        startLine = line;
    }

    private void Ignore()
    {
        line += Count(input, start, pos);
        start = pos;
        startLine = line;
    }

    private bool Error(string message)
    {
        items.Add(new Item(ItemType.Error, start, message, startLine));
        return false;
    }

    private static int Count(string s, int from, int to)
    {
        var n = 0;
        for (var i = from; i < to; i++)
        {
            if (s[i] == '\n')
            {
                n++;
            }
        }

        return n;
    }

    private bool Go(Func<bool> state)
    {
        next = state;
        return true;
    }

    private bool LexText()
    {
        var x = input.IndexOf(LeftDelim, pos, StringComparison.Ordinal);
        if (x >= 0)
        {
            pos = x;
            var trim = 0;
            if (HasLeftTrimMarker(pos + LeftDelim.Length))
            {
                trim = RightTrimLength(start, pos);
            }

            pos -= trim;
            if (pos > start)
            {
                line += Count(input, start, pos);
                Emit(ItemType.Text);
            }

            pos += trim;
            Ignore();
            return Go(LexLeftDelim);
        }

        pos = input.Length;
        if (pos > start)
        {
            line += Count(input, start, pos);
            Emit(ItemType.Text);
        }

        Emit(ItemType.Eof);
        return false;
    }

    private int RightTrimLength(int from, int to)
    {
        var i = to;
        while (i > from && SpaceChars.Contains(input[i - 1], StringComparison.Ordinal))
        {
            i--;
        }

        return to - i;
    }

    private int LeftTrimLength(int from)
    {
        var i = from;
        while (i < input.Length && SpaceChars.Contains(input[i], StringComparison.Ordinal))
        {
            i++;
        }

        return i - from;
    }

    private bool HasLeftTrimMarker(int at) =>
        at + 1 < input.Length && input[at] == '-' && SpaceChars.Contains(input[at + 1], StringComparison.Ordinal);

    private bool HasRightTrimMarker(int at) =>
        at + 1 < input.Length && SpaceChars.Contains(input[at], StringComparison.Ordinal) && input[at + 1] == '-';

    private bool StartsWith(int at, string s) => at <= input.Length && string.CompareOrdinal(input, at, s, 0, s.Length) == 0 && at + s.Length <= input.Length;

    private (bool Delim, bool Trim) AtRightDelim()
    {
        if (HasRightTrimMarker(pos) && StartsWith(pos + TrimMarkerLen, RightDelim))
        {
            return (true, true);
        }

        return StartsWith(pos, RightDelim) ? (true, false) : (false, false);
    }

    private bool LexLeftDelim()
    {
        pos += LeftDelim.Length;
        var trim = HasLeftTrimMarker(pos);
        var afterMarker = trim ? TrimMarkerLen : 0;
        if (StartsWith(pos + afterMarker, LeftComment))
        {
            pos += afterMarker;
            Ignore();
            return Go(LexComment);
        }

        Emit(ItemType.LeftDelim);
        pos += afterMarker;
        Ignore();
        parenDepth = 0;
        return Go(LexInsideAction);
    }

    private bool LexComment()
    {
        pos += LeftComment.Length;
        var i = input.IndexOf(RightComment, pos, StringComparison.Ordinal);
        if (i < 0)
        {
            return Error("unclosed comment");
        }

        pos = i + RightComment.Length;
        var (delim, trim) = AtRightDelim();
        if (!delim)
        {
            return Error("comment ends before closing delimiter");
        }

        if (trim)
        {
            pos += TrimMarkerLen;
        }

        pos += RightDelim.Length;
        if (trim)
        {
            pos += LeftTrimLength(pos);
        }

        Ignore();
        return Go(LexText);
    }

    private bool LexRightDelim()
    {
        var trim = HasRightTrimMarker(pos);
        if (trim)
        {
            pos += TrimMarkerLen;
            Ignore();
        }

        pos += RightDelim.Length;
        Emit(ItemType.RightDelim);
        if (trim)
        {
            pos += LeftTrimLength(pos);
            Ignore();
        }

        return Go(LexText);
    }

    private bool LexInsideAction()
    {
        var (delim, _) = AtRightDelim();
        if (delim)
        {
            if (parenDepth == 0)
            {
                return Go(LexRightDelim);
            }

            return Error("unclosed left paren");
        }

        if (AtEof)
        {
            return Error("unclosed action");
        }

        var r = input[pos++];
        if (r == '\n')
        {
            line++;
        }

        switch (r)
        {
            case ' ' or '\t' or '\r' or '\n':
                pos--;
                if (r == '\n')
                {
                    line--;
                }

                return Go(LexSpace);
            case '=':
                Emit(ItemType.Assign);
                break;
            case ':':
                if (Peek() != '=')
                {
                    if (!AtEof)
                    {
                        pos++;
                    }

                    return Error("expected :=");
                }

                pos++;
                Emit(ItemType.Declare);
                break;
            case '|':
                Emit(ItemType.Pipe);
                break;
            case '"':
                return Go(LexQuote);
            case '`':
                return Go(LexRawQuote);
            case '$':
                return Go(LexVariable);
            case '\'':
                return Go(LexChar);
            case '.' when !AtEof && (input[pos] < '0' || input[pos] > '9'):
                return Go(LexField);
            case '.' or '+' or '-' or (>= '0' and <= '9'):
                pos--;
                return Go(LexNumber);
            case '(':
                Emit(ItemType.LeftParen);
                parenDepth++;
                break;
            case ')':
                parenDepth--;
                if (parenDepth < 0)
                {
                    start = pos;
                    return Error("unexpected right paren");
                }

                Emit(ItemType.RightParen);
                break;
            default:
                if (IsAlphaNumeric(r))
                {
                    pos--;
                    return Go(LexIdentifier);
                }

                if (r <= 0x7f && !char.IsControl(r))
                {
                    Emit(ItemType.Char);
                    break;
                }

                return Error("unrecognized character in action: " + GoFmt.UnicodeFormat(char.IsSurrogate(r) && pos < input.Length ? char.ConvertToUtf32(r, input[pos]) : r));
        }

        return Go(LexInsideAction);
    }

    private bool LexSpace()
    {
        var numSpaces = 0;
        while (!AtEof && IsSpace(input[pos]))
        {
            if (input[pos] == '\n')
            {
                line++;
            }

            pos++;
            numSpaces++;
        }

        // A trim-marked right delimiter starts with a space.
        if (HasRightTrimMarker(pos - 1) && StartsWith(pos - 1 + TrimMarkerLen, RightDelim))
        {
            pos--;
            if (input[pos] == '\n')
            {
                line--;
            }

            if (numSpaces == 1)
            {
                return Go(LexRightDelim);
            }
        }

        Emit(ItemType.Space);
        return Go(LexInsideAction);
    }

    private bool LexIdentifier()
    {
        while (!AtEof && IsAlphaNumeric(input[pos]))
        {
            pos++;
        }

        var word = input[start..pos];
        if (!AtTerminator())
        {
            return Error("bad character " + GoFmt.UnicodeFormat(input[pos]));
        }

        var key = Key(word);
        if (key > ItemType.Keyword)
        {
            Emit(key);
        }
        else if (word[0] == '.')
        {
            Emit(ItemType.Field);
        }
        else if (word is "true" or "false")
        {
            Emit(ItemType.Bool);
        }
        else
        {
            Emit(ItemType.Identifier);
        }

        return Go(LexInsideAction);
    }

    private static ItemType Key(string word) => word switch
    {
        "." => ItemType.Dot,
        "block" => ItemType.Block,
        "break" => ItemType.Break,
        "continue" => ItemType.Continue,
        "define" => ItemType.Define,
        "else" => ItemType.Else,
        "end" => ItemType.End,
        "if" => ItemType.If,
        "range" => ItemType.Range,
        "nil" => ItemType.Nil,
        "template" => ItemType.Template,
        "with" => ItemType.With,
        _ => ItemType.Error,
    };

    private bool LexField() => LexFieldOrVariable(ItemType.Field);

    private bool LexVariable()
    {
        if (AtTerminator())
        {
            Emit(ItemType.Variable);
            return Go(LexInsideAction);
        }

        return LexFieldOrVariable(ItemType.Variable);
    }

    private bool LexFieldOrVariable(ItemType typ)
    {
        if (AtTerminator())
        {
            Emit(typ == ItemType.Variable ? ItemType.Variable : ItemType.Dot);
            return Go(LexInsideAction);
        }

        while (!AtEof && IsAlphaNumeric(input[pos]))
        {
            pos++;
        }

        if (!AtTerminator())
        {
            return Error("bad character " + GoFmt.UnicodeFormat(input[pos]));
        }

        Emit(typ);
        return Go(LexInsideAction);
    }

    private bool AtTerminator()
    {
        if (AtEof)
        {
            return true;
        }

        var r = input[pos];
        return IsSpace(r) || r is '.' or ',' or '|' or ':' or ')' or '(' || StartsWith(pos, RightDelim);
    }

    private bool LexChar()
    {
        while (true)
        {
            if (AtEof)
            {
                return Error("unterminated character constant");
            }

            var c = input[pos++];
            if (c == '\\')
            {
                if (AtEof || input[pos] == '\n')
                {
                    return Error("unterminated character constant");
                }

                pos++;
                continue;
            }

            if (c == '\n')
            {
                return Error("unterminated character constant");
            }

            if (c == '\'')
            {
                break;
            }
        }

        Emit(ItemType.CharConstant);
        return Go(LexInsideAction);
    }

    private bool LexNumber()
    {
        if (!ScanNumber())
        {
            return Error("bad number syntax: " + GoFmt.Quote(input[start..pos]));
        }

        if (Peek() is '+' or '-')
        {
            if (!ScanNumber() || input[pos - 1] != 'i')
            {
                return Error("bad number syntax: " + GoFmt.Quote(input[start..pos]));
            }

            Emit(ItemType.Complex);
        }
        else
        {
            Emit(ItemType.Number);
        }

        return Go(LexInsideAction);
    }

    private bool Accept(string valid)
    {
        if (!AtEof && valid.Contains(input[pos], StringComparison.Ordinal))
        {
            pos++;
            return true;
        }

        return false;
    }

    private void AcceptRun(string valid)
    {
        while (Accept(valid))
        {
        }
    }

    private bool ScanNumber()
    {
        Accept("+-");
        var digits = "0123456789_";
        if (Accept("0"))
        {
            if (Accept("xX"))
            {
                digits = "0123456789abcdefABCDEF_";
            }
            else if (Accept("oO"))
            {
                digits = "01234567_";
            }
            else if (Accept("bB"))
            {
                digits = "01_";
            }
        }

        AcceptRun(digits);
        if (Accept("."))
        {
            AcceptRun(digits);
        }

        if (digits.Length == 11 && Accept("eE"))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }

        if (digits.Length == 23 && Accept("pP"))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }

        Accept("i");
        if (!AtEof && IsAlphaNumeric(input[pos]))
        {
            pos++;
            return false;
        }

        return true;
    }

    private bool LexQuote()
    {
        while (true)
        {
            if (AtEof)
            {
                return Error("unterminated quoted string");
            }

            var c = input[pos++];
            if (c == '\\')
            {
                if (AtEof || input[pos] == '\n')
                {
                    return Error("unterminated quoted string");
                }

                pos++;
                continue;
            }

            if (c == '\n')
            {
                return Error("unterminated quoted string");
            }

            if (c == '"')
            {
                break;
            }
        }

        Emit(ItemType.String);
        return Go(LexInsideAction);
    }

    private bool LexRawQuote()
    {
        while (true)
        {
            if (AtEof)
            {
                return Error("unterminated raw quoted string");
            }

            var c = input[pos++];
            if (c == '\n')
            {
                line++;
            }

            if (c == '`')
            {
                break;
            }
        }

        Emit(ItemType.RawString);
        return Go(LexInsideAction);
    }

    private static bool IsSpace(char r) => r is ' ' or '\t' or '\r' or '\n';

    private static bool IsAlphaNumeric(char r) => r == '_' || char.IsLetter(r) || char.IsDigit(r);
}
