using System.Globalization;
using System.Text;

namespace Simulator.Cli.Templates;

/// <summary>Thrown inside the parser and executor to unwind with Go's error text.</summary>
internal sealed class TemplateAbort(string message) : Exception(message);

/// <summary>
/// The template parser, a port of Go's text/template/parse parse.go (<c>Tree</c>) with the default
/// function set of text/template plus docker/cli's <c>templates.basicFunctions</c>.
/// </summary>
internal sealed class Parser
{
    private const int MaxStackDepth = 10000;

    private readonly string name;
    private readonly List<Item> items;
    private readonly Dictionary<string, ListNode> treeSet;
    private readonly Item[] token = new Item[3];
    private int index;
    private int peekCount;
    private List<string> vars = ["$"];
    private int actionLine;
    private int rangeDepth;
    private int stackDepth;

    private Parser(string name, List<Item> items, Dictionary<string, ListNode> treeSet)
    {
        this.name = name;
        this.items = items;
        this.treeSet = treeSet;
    }

    /// <summary>Parses <paramref name="text"/> as template <paramref name="name"/>; returns all trees (name → root).</summary>
    /// <exception cref="TemplateAbort">Go's parse error text.</exception>
    public static Dictionary<string, ListNode> Parse(string name, string text)
    {
        var treeSet = new Dictionary<string, ListNode>(StringComparer.Ordinal);
        var p = new Parser(name, Lexer.Scan(text), treeSet);
        var root = p.ParseTop();
        p.Add(name, root);
        return treeSet;
    }

    private Item LexNext() => index < items.Count ? items[index++] : items[^1];

    private Item Next()
    {
        if (peekCount > 0)
        {
            peekCount--;
        }
        else
        {
            token[0] = LexNext();
        }

        return token[peekCount];
    }

    private void Backup() => peekCount++;

    private void Backup2(Item t1)
    {
        token[1] = t1;
        peekCount = 2;
    }

    private void Backup3(Item t2, Item t1)
    {
        token[1] = t1;
        token[2] = t2;
        peekCount = 3;
    }

    private Item Peek()
    {
        if (peekCount > 0)
        {
            return token[peekCount - 1];
        }

        peekCount = 1;
        token[0] = LexNext();
        return token[0];
    }

    private Item NextNonSpace()
    {
        Item t;
        do
        {
            t = Next();
        }
        while (t.Type == ItemType.Space);
        return t;
    }

    private Item PeekNonSpace()
    {
        var t = NextNonSpace();
        Backup();
        return t;
    }

    private TemplateAbort Errorf(string message) =>
        new($"template: {name}:{token[0].Line}: {message}");

    private Item Expect(ItemType expected, string context)
    {
        var t = NextNonSpace();
        if (t.Type != expected)
        {
            throw Unexpected(t, context);
        }

        return t;
    }

    private TemplateAbort Unexpected(Item t, string context)
    {
        if (t.Type == ItemType.Error)
        {
            var extra = string.Empty;
            if (actionLine != 0 && actionLine != t.Line)
            {
                extra = $" in action started at {name}:{actionLine}";
                if (t.Val.EndsWith(" action", StringComparison.Ordinal))
                {
                    extra = extra[" in action".Length..];
                }
            }

            return Errorf(t + extra);
        }

        return Errorf($"unexpected {t} in {context}");
    }

    private void Add(string treeName, ListNode root)
    {
        if (!treeSet.TryGetValue(treeName, out var existing) || IsEmptyTree(existing))
        {
            treeSet[treeName] = root;
            return;
        }

        if (!IsEmptyTree(root))
        {
            throw Errorf($"template: multiple definition of template {GoFmt.Quote(treeName)}");
        }
    }

    /// <summary>Go's <c>parse.IsEmptyTree</c>: only space text and comments.</summary>
    public static bool IsEmptyTree(Node? n) => n switch
    {
        null => true,
        ListNode l => l.Nodes.All(IsEmptyTree),
        CommentNode => true,
        TextNode t => t.Text.AsSpan().Trim(" \t\r\n\v\f\u0085\u00a0").IsEmpty,
        _ => false,
    };

    private ListNode ParseTop()
    {
        var root = new ListNode(Peek().Pos);
        while (Peek().Type != ItemType.Eof)
        {
            if (Peek().Type == ItemType.LeftDelim)
            {
                var delim = Next();
                if (NextNonSpace().Type == ItemType.Define)
                {
                    ParseDefinition();
                    continue;
                }

                Backup2(delim);
            }

            var n = TextOrAction();
            if (n is EndNode or ElseNode)
            {
                throw Errorf($"unexpected {n}");
            }

            root.Nodes.Add(n);
        }

        return root;
    }

    private void ParseDefinition()
    {
        const string context = "define clause";
        var savedVars = vars;
        vars = ["$"];
        var nameTok = NextNonSpace();
        if (nameTok.Type is not (ItemType.String or ItemType.RawString))
        {
            throw Unexpected(nameTok, context);
        }

        var defName = Unquote(nameTok.Val);
        Expect(ItemType.RightDelim, context);
        var (list, end) = ItemList();
        if (end is not EndNode)
        {
            throw Errorf($"unexpected {end} in {context}");
        }

        Add(defName, list);
        vars = savedVars;
    }

    private (ListNode List, Node Next) ItemList()
    {
        var list = new ListNode(PeekNonSpace().Pos);
        while (PeekNonSpace().Type != ItemType.Eof)
        {
            var n = TextOrAction();
            if (n is EndNode or ElseNode)
            {
                return (list, n);
            }

            list.Nodes.Add(n);
        }

        throw Errorf("unexpected EOF");
    }

    private Node TextOrAction()
    {
        var t = NextNonSpace();
        switch (t.Type)
        {
            case ItemType.Text:
                return new TextNode(t.Pos, t.Val);
            case ItemType.LeftDelim:
                actionLine = t.Line;
                try
                {
                    return Action();
                }
                finally
                {
                    actionLine = 0;
                }

            default:
                throw Unexpected(t, "input");
        }
    }

    private Node Action()
    {
        var t = NextNonSpace();
        switch (t.Type)
        {
            case ItemType.Block:
                return BlockControl();
            case ItemType.Break:
                return BreakControl(t.Pos, t.Line, "{{break}}");
            case ItemType.Continue:
                return BreakControl(t.Pos, t.Line, "{{continue}}");
            case ItemType.Else:
                return ElseControl();
            case ItemType.End:
                return new EndNode(Expect(ItemType.RightDelim, "end").Pos);
            case ItemType.If:
                return Control("if");
            case ItemType.Range:
                return Control("range");
            case ItemType.Template:
                return TemplateControl();
            case ItemType.With:
                return Control("with");
        }

        Backup();
        var tok = Peek();
        return new ActionNode(tok.Pos, tok.Line, Pipeline("command", ItemType.RightDelim));
    }

    private Node BreakControl(int pos, int line, string context)
    {
        var t = NextNonSpace();
        if (t.Type != ItemType.RightDelim)
        {
            throw Unexpected(t, context);
        }

        if (rangeDepth == 0)
        {
            throw Errorf(context + " outside {{range}}");
        }

        return context == "{{break}}" ? new BreakNode(pos, line) : new ContinueNode(pos, line);
    }

    private PipeNode Pipeline(string context, ItemType end)
    {
        var first = PeekNonSpace();
        var pipe = new PipeNode(first.Pos, first.Line);
        Decls:
        var v = PeekNonSpace();
        if (v.Type == ItemType.Variable)
        {
            Next();
            var tokenAfterVariable = Peek();
            var next = PeekNonSpace();
            if (next.Type is ItemType.Assign or ItemType.Declare)
            {
                pipe.IsAssign = next.Type == ItemType.Assign;
                NextNonSpace();
                pipe.Decl.Add(new VariableNode(v.Pos, v.Val.Split('.')));
                vars.Add(v.Val);
            }
            else if (next.Type == ItemType.Char && next.Val == ",")
            {
                NextNonSpace();
                pipe.Decl.Add(new VariableNode(v.Pos, v.Val.Split('.')));
                vars.Add(v.Val);
                if (context == "range" && pipe.Decl.Count < 2)
                {
                    if (PeekNonSpace().Type is ItemType.Variable or ItemType.RightDelim or ItemType.RightParen)
                    {
                        goto Decls;
                    }

                    throw Errorf("range can only initialize variables");
                }

                throw Errorf($"too many declarations in {context}");
            }
            else if (tokenAfterVariable.Type == ItemType.Space)
            {
                Backup3(v, tokenAfterVariable);
            }
            else
            {
                Backup2(v);
            }
        }

        while (true)
        {
            var t = NextNonSpace();
            if (t.Type == end)
            {
                CheckPipeline(pipe, context);
                return pipe;
            }

            switch (t.Type)
            {
                case ItemType.Bool or ItemType.CharConstant or ItemType.Complex or ItemType.Dot or ItemType.Field
                    or ItemType.Identifier or ItemType.Number or ItemType.Nil or ItemType.RawString or ItemType.String
                    or ItemType.Variable or ItemType.LeftParen:
                    Backup();
                    pipe.Cmds.Add(Command());
                    break;
                default:
                    throw Unexpected(t, context);
            }
        }
    }

    private void CheckPipeline(PipeNode pipe, string context)
    {
        if (pipe.Cmds.Count == 0)
        {
            throw Errorf($"missing value for {context}");
        }

        for (var i = 1; i < pipe.Cmds.Count; i++)
        {
            if (pipe.Cmds[i].Args[0] is BoolNode or DotNode or NilNode or NumberNode or StringNode)
            {
                throw Errorf($"non executable command in pipeline stage {i + 1}");
            }
        }
    }

    private Node Control(string context)
    {
        var mark = vars.Count;
        try
        {
            var pipe = Pipeline(context, ItemType.RightDelim);
            if (context == "range")
            {
                rangeDepth++;
            }

            var (list, next) = ItemList();
            if (context == "range")
            {
                rangeDepth--;
            }

            ListNode? elseList = null;
            if (next is ElseNode)
            {
                if (context == "if" && Peek().Type == ItemType.If)
                {
                    Next();
                    elseList = new ListNode(next.Pos);
                    elseList.Nodes.Add(Control("if"));
                }
                else if (context == "with" && Peek().Type == ItemType.With)
                {
                    Next();
                    elseList = new ListNode(next.Pos);
                    elseList.Nodes.Add(Control("with"));
                }
                else
                {
                    (elseList, next) = ItemList();
                    if (next is not EndNode)
                    {
                        throw Errorf($"expected end; found {next}");
                    }
                }
            }

            return new BranchNode(context, pipe.Pos, pipe.Line, pipe, list, elseList);
        }
        finally
        {
            vars.RemoveRange(mark, vars.Count - mark);
        }
    }

    private Node ElseControl()
    {
        var peek = PeekNonSpace();
        if (peek.Type is ItemType.If or ItemType.With)
        {
            return new ElseNode(peek.Pos, peek.Line);
        }

        var t = Expect(ItemType.RightDelim, "else");
        return new ElseNode(t.Pos, t.Line);
    }

    private Node BlockControl()
    {
        const string context = "block clause";
        var t = NextNonSpace();
        var blockName = TemplateName(t, context);
        var pipe = Pipeline(context, ItemType.RightDelim);
        var savedVars = vars;
        var savedRange = rangeDepth;
        vars = ["$"];
        rangeDepth = 0;
        var (list, end) = ItemList();
        if (end is not EndNode)
        {
            throw Errorf($"unexpected {end} in {context}");
        }

        Add(blockName, list);
        vars = savedVars;
        rangeDepth = savedRange;
        return new TemplateNode(t.Pos, t.Line, blockName, pipe);
    }

    private Node TemplateControl()
    {
        const string context = "template clause";
        var t = NextNonSpace();
        var tmplName = TemplateName(t, context);
        PipeNode? pipe = null;
        if (NextNonSpace().Type != ItemType.RightDelim)
        {
            Backup();
            pipe = Pipeline(context, ItemType.RightDelim);
        }

        return new TemplateNode(t.Pos, t.Line, tmplName, pipe);
    }

    private string TemplateName(Item t, string context) =>
        t.Type is ItemType.String or ItemType.RawString ? Unquote(t.Val) : throw Unexpected(t, context);

    private CommandNode Command()
    {
        var cmd = new CommandNode(PeekNonSpace().Pos);
        while (true)
        {
            PeekNonSpace();
            var operand = Operand();
            if (operand is not null)
            {
                cmd.Args.Add(operand);
            }

            var t = Next();
            if (t.Type == ItemType.Space)
            {
                continue;
            }

            if (t.Type is ItemType.RightDelim or ItemType.RightParen)
            {
                Backup();
            }
            else if (t.Type != ItemType.Pipe)
            {
                throw Unexpected(t, "operand");
            }

            break;
        }

        if (cmd.Args.Count == 0)
        {
            throw Errorf("empty command");
        }

        return cmd;
    }

    private Node? Operand()
    {
        var node = Term();
        if (node is null)
        {
            return null;
        }

        if (Peek().Type == ItemType.Field)
        {
            var chain = new ChainNode(Peek().Pos, node);
            while (Peek().Type == ItemType.Field)
            {
                chain.Add(Next().Val);
            }

            switch (node)
            {
                case FieldNode f:
                    return new FieldNode(chain.Pos, [.. f.Ident, .. chain.Field]);
                case VariableNode v:
                    return new VariableNode(chain.Pos, [.. v.Ident, .. chain.Field]);
                case BoolNode or StringNode or NumberNode or NilNode or DotNode:
                    throw Errorf($"unexpected . after term {GoFmt.Quote(node.ToString())}");
                default:
                    return chain;
            }
        }

        return node;
    }

    private Node? Term()
    {
        var t = NextNonSpace();
        switch (t.Type)
        {
            case ItemType.Identifier:
                if (!Functions.IsDefined(t.Val))
                {
                    throw Errorf($"function {GoFmt.Quote(t.Val)} not defined");
                }

                return new IdentifierNode(t.Pos, t.Val);
            case ItemType.Dot:
                return new DotNode(t.Pos);
            case ItemType.Nil:
                return new NilNode(t.Pos);
            case ItemType.Variable:
                return UseVar(t.Pos, t.Val);
            case ItemType.Field:
                return new FieldNode(t.Pos, t.Val[1..].Split('.'));
            case ItemType.Bool:
                return new BoolNode(t.Pos, t.Val == "true");
            case ItemType.CharConstant or ItemType.Complex or ItemType.Number:
                return NewNumber(t);
            case ItemType.LeftParen:
                if (stackDepth >= MaxStackDepth)
                {
                    throw Errorf("max expression depth exceeded");
                }

                stackDepth++;
                try
                {
                    return Pipeline("parenthesized pipeline", ItemType.RightParen);
                }
                finally
                {
                    stackDepth--;
                }

            case ItemType.String or ItemType.RawString:
                return new StringNode(t.Pos, t.Val, Unquote(t.Val));
        }

        Backup();
        return null;
    }

    private VariableNode UseVar(int pos, string text)
    {
        var v = new VariableNode(pos, text.Split('.'));
        if (!vars.Contains(v.Ident[0]))
        {
            throw Errorf($"undefined variable {GoFmt.Quote(v.Ident[0])}");
        }

        return v;
    }

    private NumberNode NewNumber(Item t)
    {
        var text = t.Val;
        var n = new NumberNode(t.Pos, text);
        if (t.Type == ItemType.CharConstant)
        {
            var status = GoStrconv.UnquoteChar(text, out var rune);
            if (status == 2)
            {
                throw Errorf("invalid syntax");
            }

            if (status == 1)
            {
                throw Errorf($"malformed character constant: {text}");
            }

            n.IsInt = n.IsUint = n.IsFloat = true;
            n.Int64 = rune;
            n.Uint64 = (ulong)rune;
            n.Float64 = rune;
            return n;
        }

        if (t.Type == ItemType.Complex || text.EndsWith('i'))
        {
            throw Errorf($"illegal number syntax: {GoFmt.Quote(text)}");
        }

        var okU = GoStrconv.TryParseUint(text, out var u);
        if (okU)
        {
            n.IsUint = true;
            n.Uint64 = u;
        }

        if (GoStrconv.TryParseInt(text, out var i))
        {
            n.IsInt = true;
            n.Int64 = i;
            if (i == 0)
            {
                n.IsUint = true;
                n.Uint64 = 0;
            }
        }

        if (n.IsInt)
        {
            n.IsFloat = true;
            n.Float64 = n.Int64;
        }
        else if (n.IsUint)
        {
            n.IsFloat = true;
            n.Float64 = n.Uint64;
        }
        else if (GoStrconv.TryParseFloat(text, out var f))
        {
            if (text.AsSpan().IndexOfAny(".eEpP") < 0)
            {
                throw Errorf($"integer overflow: {GoFmt.Quote(text)}");
            }

            n.IsFloat = true;
            n.Float64 = f;
            if (Math.Floor(f) == f && f >= long.MinValue && f < 9.2233720368547758e18)
            {
                n.IsInt = true;
                n.Int64 = (long)f;
            }

            if (Math.Floor(f) == f && f >= 0 && f < 1.8446744073709552e19)
            {
                n.IsUint = true;
                n.Uint64 = (ulong)f;
            }
        }

        if (!n.IsInt && !n.IsUint && !n.IsFloat)
        {
            throw Errorf($"illegal number syntax: {GoFmt.Quote(text)}");
        }

        return n;
    }

    private string Unquote(string quoted) =>
        GoStrconv.TryUnquote(quoted, out var s) ? s : throw Errorf("invalid syntax");
}

/// <summary>Go's strconv number and quote parsing as the template parser uses it.</summary>
internal static class GoStrconv
{
    /// <summary>strconv.ParseInt(s, 0, 64).</summary>
    public static bool TryParseInt(string s, out long value)
    {
        value = 0;
        var neg = false;
        var body = s;
        if (body.Length > 0 && body[0] is '+' or '-')
        {
            neg = body[0] == '-';
            body = body[1..];
        }

        if (!TryParseUint(body, out var u))
        {
            return false;
        }

        if (neg)
        {
            if (u > 9223372036854775808UL)
            {
                return false;
            }

            value = unchecked(-(long)u);
            return true;
        }

        if (u > long.MaxValue)
        {
            return false;
        }

        value = (long)u;
        return true;
    }

    /// <summary>strconv.ParseUint(s, 0, 64): prefixes 0x, 0o, 0b, leading 0 octal, underscores.</summary>
    public static bool TryParseUint(string s, out ulong value)
    {
        value = 0;
        if (s.Length == 0)
        {
            return false;
        }

        var b = 10;
        var i = 0;
        var underscoresOk = false;
        if (s[0] == '0')
        {
            if (s.Length >= 3 && (s[1] | 0x20) == 'x')
            {
                b = 16;
                i = 2;
            }
            else if (s.Length >= 3 && (s[1] | 0x20) == 'o')
            {
                b = 8;
                i = 2;
            }
            else if (s.Length >= 3 && (s[1] | 0x20) == 'b')
            {
                b = 2;
                i = 2;
            }
            else
            {
                b = 8;
                i = 1;
            }

            underscoresOk = true;
        }
        else
        {
            underscoresOk = true;
        }

        if (s.Length == 1 && s[0] == '0')
        {
            return true;
        }

        var sawDigit = false;
        var prevUnderscore = i > 0;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '_' && underscoresOk)
            {
                prevUnderscore = true;
                continue;
            }

            var d = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'z' => c - 'a' + 10,
                >= 'A' and <= 'Z' => c - 'A' + 10,
                _ => 99,
            };
            if (d >= b)
            {
                return false;
            }

            prevUnderscore = false;
            sawDigit = true;
            var next = unchecked((value * (ulong)b) + (ulong)d);
            if (value > ulong.MaxValue / (ulong)b || next < value * (ulong)b)
            {
                return false;
            }

            value = next;
        }

        return sawDigit && !(prevUnderscore && s[^1] == '_');
    }

    /// <summary>strconv.ParseFloat(s, 64) for decimal forms (hex floats unsupported).</summary>
    public static bool TryParseFloat(string s, out double value)
    {
        value = 0;
        var clean = s.Replace("_", string.Empty, StringComparison.Ordinal);
        var sign = 1.0;
        if (clean.Length > 0 && clean[0] is '+' or '-')
        {
            sign = clean[0] == '-' ? -1 : 1;
            clean = clean[1..];
        }

        if (clean.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return TryParseHexFloat(clean[2..], sign, out value);
        }

        if (clean.Length == 0)
        {
            return false;
        }

        foreach (var c in clean)
        {
            if (!(char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-'))
            {
                return false;
            }
        }

        if (!double.TryParse(clean, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || double.IsInfinity(value))
        {
            return false;
        }

        value *= sign;
        return true;
    }

    /// <summary>A hexadecimal float body after <c>0x</c>: hex mantissa with optional point, then a required <c>p</c> exponent.</summary>
    private static bool TryParseHexFloat(string s, double sign, out double value)
    {
        value = 0;
        var p = s.IndexOfAny(['p', 'P']);
        if (p <= 0 || !int.TryParse(s.AsSpan(p + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exp))
        {
            return false;
        }

        var mantissa = 0.0;
        var scale = 0;
        var seenPoint = false;
        var digits = 0;
        foreach (var c in s[..p])
        {
            if (c == '.' && !seenPoint)
            {
                seenPoint = true;
                continue;
            }

            var d = char.IsAsciiHexDigit(c) ? Convert.ToInt32(c.ToString(), 16) : -1;
            if (d < 0)
            {
                return false;
            }

            mantissa = (mantissa * 16) + d;
            digits++;
            if (seenPoint)
            {
                scale -= 4;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        value = sign * mantissa * Math.Pow(2, exp + scale);
        return !double.IsInfinity(value);
    }

    /// <summary>strconv.Unquote for "...", `...` and '...' forms.</summary>
    public static bool TryUnquote(string quoted, out string value)
    {
        value = string.Empty;
        if (quoted.Length < 2)
        {
            return false;
        }

        var q = quoted[0];
        if (q != quoted[^1])
        {
            return false;
        }

        var body = quoted[1..^1];
        if (q == '`')
        {
            if (body.Contains('`', StringComparison.Ordinal))
            {
                return false;
            }

            value = body.Replace("\r", string.Empty, StringComparison.Ordinal);
            return true;
        }

        if (q != '"')
        {
            return false;
        }

        var sb = new StringBuilder();
        var bytes = new List<byte>();
        var i = 0;
        while (i < body.Length)
        {
            var c = body[i];
            if (c == '"' || c == '\n')
            {
                return false;
            }

            if (c != '\\')
            {
                FlushBytes(sb, bytes);
                sb.Append(c);
                i++;
                continue;
            }

            if (!TryEscape(body, ref i, '"', sb, bytes))
            {
                return false;
            }
        }

        FlushBytes(sb, bytes);
        value = sb.ToString();
        return true;
    }

    /// <summary>strconv.UnquoteChar on a character constant <c>'x'</c>: 0 ok, 1 malformed (tail left), 2 invalid syntax.</summary>
    public static int UnquoteChar(string quoted, out int rune)
    {
        rune = 0;
        var body = quoted[1..];
        if (body.Length == 0 || body[0] == '\'' || body[0] == '\n')
        {
            return 2;
        }

        int consumed;
        if (body[0] != '\\')
        {
            rune = char.ConvertToUtf32(body, 0);
            consumed = rune > 0xffff ? 2 : 1;
        }
        else
        {
            var sb = new StringBuilder();
            var bytes = new List<byte>();
            var i = 0;
            if (!TryEscape(body, ref i, '\'', sb, bytes))
            {
                return 2;
            }

            consumed = i;
            if (bytes.Count == 1)
            {
                rune = bytes[0];
            }
            else
            {
                rune = char.ConvertToUtf32(sb.ToString(), 0);
            }
        }

        return body[consumed..] == "'" ? 0 : 1;
    }

    private static void FlushBytes(StringBuilder sb, List<byte> bytes)
    {
        if (bytes.Count > 0)
        {
            sb.Append(Encoding.UTF8.GetString(bytes.ToArray()));
            bytes.Clear();
        }
    }

    private static bool TryEscape(string body, ref int i, char quote, StringBuilder sb, List<byte> bytes)
    {
        if (i + 1 >= body.Length)
        {
            return false;
        }

        var e = body[i + 1];
        i += 2;
        switch (e)
        {
            case 'a': FlushBytes(sb, bytes); sb.Append('\a'); return true;
            case 'b': FlushBytes(sb, bytes); sb.Append('\b'); return true;
            case 'f': FlushBytes(sb, bytes); sb.Append('\f'); return true;
            case 'n': FlushBytes(sb, bytes); sb.Append('\n'); return true;
            case 'r': FlushBytes(sb, bytes); sb.Append('\r'); return true;
            case 't': FlushBytes(sb, bytes); sb.Append('\t'); return true;
            case 'v': FlushBytes(sb, bytes); sb.Append('\v'); return true;
            case '\\': FlushBytes(sb, bytes); sb.Append('\\'); return true;
            case '\'' or '"':
                if (e != quote)
                {
                    return false;
                }

                FlushBytes(sb, bytes);
                sb.Append(e);
                return true;
            case 'x':
                {
                    if (!Hex(body, ref i, 2, out var v))
                    {
                        return false;
                    }

                    bytes.Add((byte)v);
                    return true;
                }

            case 'u' or 'U':
                {
                    if (!Hex(body, ref i, e == 'u' ? 4 : 8, out var v) || v > 0x10FFFF || (v >= 0xD800 && v < 0xE000))
                    {
                        return false;
                    }

                    FlushBytes(sb, bytes);
                    sb.Append(char.ConvertFromUtf32(v));
                    return true;
                }

            case >= '0' and <= '7':
                {
                    if (i + 1 >= body.Length + 0 && i + 1 > body.Length)
                    {
                        return false;
                    }

                    var v = e - '0';
                    for (var k = 0; k < 2; k++)
                    {
                        if (i >= body.Length || body[i] < '0' || body[i] > '7')
                        {
                            return false;
                        }

                        v = (v * 8) + (body[i++] - '0');
                    }

                    if (v > 255)
                    {
                        return false;
                    }

                    bytes.Add((byte)v);
                    return true;
                }

            default:
                return false;
        }
    }

    private static bool Hex(string body, ref int i, int n, out int value)
    {
        value = 0;
        if (i + n > body.Length)
        {
            return false;
        }

        for (var k = 0; k < n; k++)
        {
            var c = body[i + k];
            var d = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => -1,
            };
            if (d < 0)
            {
                return false;
            }

            value = (value * 16) + d;
        }

        i += n;
        return true;
    }
}
