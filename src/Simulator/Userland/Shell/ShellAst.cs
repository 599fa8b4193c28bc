namespace Simulator.Userland.Shell;

#pragma warning disable SA1649, SA1402 // The syntax tree's small records live together.

/// <summary>A piece of a word before expansion.</summary>
internal abstract record WordPart;

/// <summary>Unquoted literal text (subject to globbing).</summary>
internal sealed record LiteralPart(string Text) : WordPart;

/// <summary>Quoted literal text (single quotes or a backslash escape): no globbing, no splitting.</summary>
internal sealed record QuotedPart(string Text) : WordPart;

/// <summary>A double-quoted run.</summary>
internal sealed record DoubleQuotedPart(IReadOnlyList<WordPart> Parts) : WordPart;

/// <summary>
/// A parameter expansion: <c>$X</c>, <c>${X:-w}</c> and the rest; <see cref="Op"/> is <c>""</c>, <c>len</c> or the
/// operator; busybox ash's bash-compatible <c>${X/p/r}</c>, <c>${X//p/r}</c> (replacement in <see cref="Arg2"/>)
/// and <c>${X:offset[:length]}</c> (op <c>:</c>) too.
/// </summary>
internal sealed record ParamPart(string Name, string Op, Word? Arg, Word? Arg2 = null) : WordPart;

/// <summary>A command substitution: <c>$(...)</c> or backticks.</summary>
internal sealed record CommandSubstPart(Node Body) : WordPart;

/// <summary>An arithmetic expansion <c>$((...))</c>; its text is expanded before evaluation.</summary>
internal sealed record ArithPart(Word Expression) : WordPart;

/// <summary>A leading tilde: <c>~</c> (HOME) or <c>~user</c>.</summary>
internal sealed record TildePart(string User) : WordPart;

/// <summary>A word: its parts and the source text.</summary>
internal sealed record Word(IReadOnlyList<WordPart> Parts, string Raw)
{
    /// <summary>Whether the word is unquoted literal text only.</summary>
    public bool IsPlain => Parts.All(p => p is LiteralPart);
}

/// <summary>A redirection: <c>[n]op target</c>; for a here-document the body is in <see cref="HereDoc"/>.</summary>
internal sealed record Redirection(int Fd, string Op, Word Target)
{
    /// <summary>The here-document body (filled in when its lines are read).</summary>
    public Word? HereDoc { get; set; }
}

/// <summary>A command node.</summary>
internal abstract record Node;

/// <summary>A simple command: assignments, words, redirections.</summary>
internal sealed record SimpleCommand(IReadOnlyList<Word> Assignments, IReadOnlyList<Word> Words, IReadOnlyList<Redirection> Redirections, int Line) : Node;

/// <summary>A pipeline <c>[!] a | b | c</c>.</summary>
internal sealed record PipelineNode(IReadOnlyList<Node> Commands, bool Negate) : Node;

/// <summary>An and-or list: <c>a &amp;&amp; b || c</c>.</summary>
internal sealed record AndOrNode(Node First, IReadOnlyList<(bool And, Node Command)> Rest) : Node;

/// <summary>A list of commands separated by <c>;</c>, newlines or <c>&amp;</c>.</summary>
internal sealed record SequenceNode(IReadOnlyList<(Node Command, bool Background)> Items) : Node;

/// <summary>A subshell <c>( list )</c>.</summary>
internal sealed record SubshellNode(Node Body) : Node;

/// <summary>A group <c>{ list; }</c>.</summary>
internal sealed record GroupNode(Node Body) : Node;

/// <summary><c>if</c>/<c>elif</c>/<c>else</c>.</summary>
internal sealed record IfNode(IReadOnlyList<(Node Condition, Node Body)> Branches, Node? Else) : Node;

/// <summary><c>for NAME [in words]; do list; done</c>.</summary>
internal sealed record ForNode(string Variable, IReadOnlyList<Word>? Items, Node Body) : Node;

/// <summary><c>while</c>/<c>until</c>.</summary>
internal sealed record LoopNode(Node Condition, Node Body, bool Until) : Node;

/// <summary><c>case WORD in pattern) list;; esac</c>.</summary>
internal sealed record CaseNode(Word Subject, IReadOnlyList<(IReadOnlyList<Word> Patterns, Node Body)> Items) : Node;

/// <summary>A function definition <c>name() compound</c>.</summary>
internal sealed record FunctionNode(string Name, Node Body) : Node;

/// <summary>A bash-compatible conditional <c>[[ ... ]]</c> (busybox ash supports it): tokens are words or the operators <c>&amp;&amp;</c>, <c>||</c>, <c>(</c>, <c>)</c>, <c>&lt;</c>, <c>&gt;</c> (as <see cref="Word"/>s with <see cref="Word.Raw"/> the operator and no parts).</summary>
internal sealed record ConditionalNode(IReadOnlyList<Word> Tokens) : Node;

/// <summary>A compound command with redirections.</summary>
internal sealed record RedirectedNode(Node Body, IReadOnlyList<Redirection> Redirections) : Node;

/// <summary>A syntax error, reported as busybox ash does: <c>sh: syntax error: MESSAGE</c>, status 2.</summary>
internal sealed class ShellSyntaxException(string message, bool incomplete = false) : Exception(message)
{
    /// <summary>Whether the error is only that the input ended early (more lines would complete it).</summary>
    public bool Incomplete { get; } = incomplete;
}
