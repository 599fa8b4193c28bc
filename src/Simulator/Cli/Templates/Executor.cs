using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Simulator.Cli.Templates;

/// <summary>
/// Executes a parsed template set over data, a port of Go's text/template exec.go (<c>state</c>): walk, pipelines,
/// field chains over maps, JSON and objects, function calls with Go's argument checks, and Go's error texts.
/// One execution at a time; not thread-safe. <see cref="Execute"/> reuses one instance per thread (its output buffer and
/// variable stack), so a row of <c>docker ps --format</c> allocates little more than its output string.
/// </summary>
internal sealed class Executor
{
    /// <summary>Go's maxExecDepth is 100000; .NET stacks are smaller, so recursion stops earlier with Go's message.</summary>
    private const int MaxExecDepth = 1000;

    /// <summary>An executor whose output grew beyond this many characters is not kept for reuse.</summary>
    private const int MaxKeptCapacity = 16 * 1024;

    /// <summary>Slots of the member cache (a power of two).</summary>
    private const int MemberHits = 32;

    /// <summary>This thread's idle executor, or null while it runs (a nested execution then gets its own).</summary>
    [ThreadStatic]
    private static Executor? idle;

    private string text;
    private IReadOnlyDictionary<string, ListNode> trees;
    private bool missingKeyError;
    private bool header;
    private readonly StringBuilder output = new();
    private List<(string Name, object? Value)> vars = [];
    private readonly MemberHit?[] memberHits = new MemberHit?[MemberHits];
    private Type? kindType;
    private GoKind kindOfType;
    private string tmplName;
    private Node? node;
    private int depth;

    private enum Signal
    {
        None,
        Break,
        Continue,
    }

    public Executor(string text, string name, IReadOnlyDictionary<string, ListNode> trees, bool missingKeyError, bool header)
    {
        this.text = text;
        tmplName = name;
        this.trees = trees;
        this.missingKeyError = missingKeyError;
        this.header = header;
    }

    /// <summary>Runs the named template on <paramref name="data"/> with this thread's reusable executor.</summary>
    /// <exception cref="TemplateAbort">Go's execution error text.</exception>
    public static string Execute(string text, string name, IReadOnlyDictionary<string, ListNode> trees, bool missingKeyError, bool header, object? data)
    {
        var executor = idle;
        if (executor is null)
        {
            executor = new Executor(text, name, trees, missingKeyError, header);
        }
        else
        {
            idle = null;
            executor.text = text;
            executor.tmplName = name;
            executor.trees = trees;
            executor.missingKeyError = missingKeyError;
            executor.header = header;
        }

        try
        {
            return executor.Run(data);
        }
        finally
        {
            executor.Release();
        }
    }

    /// <summary>Drops what the last run referenced and keeps this executor for the thread's next run.</summary>
    private void Release()
    {
        if (output.Capacity > MaxKeptCapacity)
        {
            return;
        }

        output.Clear();
        vars.Clear();
        node = null;
        depth = 0;
        trees = null!;
        text = string.Empty;
        idle = this;
    }

    /// <summary>Runs the named template on <paramref name="data"/>.</summary>
    /// <exception cref="TemplateAbort">Go's execution error text.</exception>
    public string Run(object? data)
    {
        var value = data is null ? Missing.Value : data;
        vars.Add(("$", value));
        if (!trees.TryGetValue(tmplName, out var root))
        {
            throw new TemplateAbort($"template: {tmplName}: {GoFmt.Quote(tmplName)} is an incomplete or empty template");
        }

        Walk(value, root);
        return output.ToString();
    }

    private TemplateAbort Errorf(string message)
    {
        if (node is null)
        {
            return new TemplateAbort($"template: {tmplName}: {message}");
        }

        var pos = Math.Min(node.Pos, text.Length);
        var before = text.AsSpan(0, pos);
        var nl = before.LastIndexOf('\n');
        var line = 1 + before.Count('\n');
        var col = Encoding.UTF8.GetByteCount(nl < 0 ? before : before[(nl + 1)..]);

        // Go names the top-level template ("ParseName") in the location, and the executing one in the quotes.
        return new TemplateAbort($"template: :{line}:{col}: executing {GoFmt.Quote(tmplName)} at <{node}>: {message}");
    }

    private void At(Node n) => node = n;

    private Signal Walk(object? dot, Node n)
    {
        At(n);
        switch (n)
        {
            case ActionNode a:
                {
                    var val = EvalPipeline(dot, a.Pipe);
                    if (a.Pipe.Decl.Count == 0)
                    {
                        PrintValue(a, val);
                    }

                    return Signal.None;
                }

            case BranchNode { Keyword: "range" } r:
                return WalkRange(dot, r);
            case BranchNode b:
                return WalkIfOrWith(b, dot);
            case ListNode l:
                foreach (var child in l.Nodes)
                {
                    var s = Walk(dot, child);
                    if (s != Signal.None)
                    {
                        return s;
                    }
                }

                return Signal.None;
            case TemplateNode t:
                WalkTemplate(dot, t);
                return Signal.None;
            case TextNode t:
                output.Append(t.Text);
                return Signal.None;
            case CommentNode:
                return Signal.None;
            case BreakNode:
                return Signal.Break;
            case ContinueNode:
                return Signal.Continue;
            default:
                throw Errorf($"unknown node: {n}");
        }
    }

    private Signal WalkIfOrWith(BranchNode b, object? dot)
    {
        var mark = vars.Count;
        try
        {
            var val = EvalPipeline(dot, b.Pipe);
            var truth = Functions.IsTrue(val, out var ok);
            if (!ok)
            {
                throw Errorf($"if/with can't use {GoFmt.Print(val)}");
            }

            if (truth)
            {
                return Walk(b.Keyword == "with" ? val : dot, b.List);
            }

            if (b.ElseList is not null)
            {
                return Walk(dot, b.ElseList);
            }

            return Signal.None;
        }
        finally
        {
            Pop(mark);
        }
    }

    private void Pop(int mark) => vars.RemoveRange(mark, vars.Count - mark);

    private Signal WalkRange(object? dot, BranchNode r)
    {
        At(r);
        var outer = vars.Count;
        try
        {
            var val = Values.Normalize(EvalPipeline(dot, r.Pipe));
            var mark = vars.Count;

            bool OneIteration(object? index, object? elem)
            {
                if (r.Pipe.Decl.Count > 0)
                {
                    vars[^1] = (vars[^1].Name, elem);
                }

                if (r.Pipe.Decl.Count > 1)
                {
                    vars[^2] = (vars[^2].Name, index);
                }

                var signal = Walk(elem, r.List);
                Pop(mark);
                return signal == Signal.Break;
            }

            switch (Values.Kind(val))
            {
                case GoKind.Slice:
                    {
                        var list = Values.AsList(val)!;
                        if (list.Count == 0)
                        {
                            break;
                        }

                        for (var i = 0; i < list.Count; i++)
                        {
                            if (OneIteration(i, list[i]))
                            {
                                break;
                            }
                        }

                        return Signal.None;
                    }

                case GoKind.Map:
                    {
                        var map = Values.AsMap(val)!;
                        if (map.Count == 0)
                        {
                            break;
                        }

                        foreach (var (key, value) in map.SortedEntries())
                        {
                            if (OneIteration(key, value))
                            {
                                break;
                            }
                        }

                        return Signal.None;
                    }

                case GoKind.Int or GoKind.Uint:
                    {
                        var n = Values.ToInt64(val!);
                        if (n <= 0 && r.Pipe.Decl.Count <= 1)
                        {
                            break;
                        }

                        if (r.Pipe.Decl.Count > 1)
                        {
                            throw Errorf($"can't use {GoFmt.Print(val)} to iterate over more than one variable");
                        }

                        for (var i = 0; i < n; i++)
                        {
                            if (OneIteration(i, i))
                            {
                                break;
                            }
                        }

                        return Signal.None;
                    }

                case GoKind.Invalid or GoKind.Nil:
                    break;
                default:
                    throw Errorf($"range can't iterate over {GoFmt.Print(val)}");
            }

            if (r.ElseList is not null)
            {
                return Walk(dot, r.ElseList);
            }

            return Signal.None;
        }
        finally
        {
            Pop(outer);
        }
    }

    private void WalkTemplate(object? dot, TemplateNode t)
    {
        At(t);
        if (!trees.TryGetValue(t.Name, out var root))
        {
            throw Errorf($"template {GoFmt.Quote(t.Name)} not defined");
        }

        if (depth == MaxExecDepth)
        {
            throw Errorf("exceeded maximum template depth (100000)");
        }

        dot = EvalPipeline(dot, t.Pipe);
        var savedVars = vars;
        var savedName = tmplName;
        vars = [("$", dot)];
        tmplName = t.Name;
        depth++;
        try
        {
            Walk(dot, root);
        }
        finally
        {
            depth--;
            vars = savedVars;
            tmplName = savedName;
        }
    }

    private object? EvalPipeline(object? dot, PipeNode? pipe)
    {
        if (pipe is null)
        {
            return Missing.Value;
        }

        At(pipe);
        object? value = NoFinal;
        foreach (var cmd in pipe.Cmds)
        {
            value = Values.Normalize(EvalCommand(dot, cmd, value));

            // Go digs an interface{} value down to its content; a nil interface becomes the invalid value.
            if (value is null)
            {
                value = Missing.Value;
            }
        }

        foreach (var v in pipe.Decl)
        {
            if (pipe.IsAssign)
            {
                SetVar(v.Ident[0], value);
            }
            else
            {
                vars.Add((v.Ident[0], value));
            }
        }

        return value;
    }

    /// <summary>Go's <c>missingVal</c>: no value from a previous pipeline stage.</summary>
    private static readonly object NoFinal = new();

    private void SetVar(string name, object? value)
    {
        for (var i = vars.Count - 1; i >= 0; i--)
        {
            if (vars[i].Name == name)
            {
                vars[i] = (name, value);
                return;
            }
        }

        throw Errorf($"undefined variable: {name}");
    }

    private object? VarValue(string name)
    {
        for (var i = vars.Count - 1; i >= 0; i--)
        {
            if (vars[i].Name == name)
            {
                return vars[i].Value;
            }
        }

        throw Errorf($"undefined variable: {name}");
    }

    private void NotAFunction(List<Node> args, object? final)
    {
        if (args.Count > 1 || final != NoFinal)
        {
            throw Errorf($"can't give argument to non-function {args[0]}");
        }
    }

    private object? EvalCommand(object? dot, CommandNode cmd, object? final)
    {
        var first = cmd.Args[0];
        switch (first)
        {
            case FieldNode f:
                return EvalFieldNode(dot, f, cmd.Args, final);
            case ChainNode c:
                return EvalChainNode(dot, c, cmd.Args, final);
            case IdentifierNode id:
                return EvalFunction(dot, id, cmd, cmd.Args, final);
            case PipeNode p:
                NotAFunction(cmd.Args, final);
                return EvalPipeline(dot, p);
            case VariableNode v:
                return EvalVariableNode(dot, v, cmd.Args, final);
        }

        At(first);
        NotAFunction(cmd.Args, final);
        return first switch
        {
            BoolNode b => b.True,
            DotNode => dot,
            NilNode => throw Errorf("nil is not a command"),
            NumberNode n => IdealConstant(n),
            StringNode s => s.Text,
            _ => throw Errorf($"can't evaluate command {GoFmt.Quote(first.ToString())}"),
        };
    }

    private object? IdealConstant(NumberNode c)
    {
        At(c);
        if (c.IsFloat && !IsHexInt(c.Text) && c.Text.AsSpan().IndexOfAny(".eEpP") >= 0)
        {
            return c.Float64;
        }

        if (c.IsInt)
        {
            return c.Int64 is >= int.MinValue and <= int.MaxValue ? (object)(int)c.Int64 : c.Int64;
        }

        if (c.IsUint)
        {
            throw Errorf($"{c.Text} overflows int");
        }

        return Missing.Value;
    }

    private static bool IsHexInt(string s) =>
        s.Length > 2 && s[0] == '0' && (s[1] is 'x' or 'X') && s.AsSpan().IndexOfAny("pP") < 0;

    private object? EvalFieldNode(object? dot, FieldNode field, List<Node> args, object? final)
    {
        At(field);
        return EvalFieldChain(dot, dot, field, field.Ident, args, final);
    }

    private object? EvalChainNode(object? dot, ChainNode chain, List<Node>? args, object? final)
    {
        At(chain);
        if (chain.Node is NilNode)
        {
            throw Errorf($"indirection through explicit nil in {chain}");
        }

        var pipe = EvalArg(dot, ParamType.Value, chain.Node);
        return EvalFieldChain(dot, pipe, chain, [.. chain.Field], args, final);
    }

    private object? EvalVariableNode(object? dot, VariableNode variable, List<Node>? args, object? final)
    {
        At(variable);
        var value = VarValue(variable.Ident[0]);
        if (variable.Ident.Length == 1)
        {
            if (args is not null)
            {
                NotAFunction(args, final);
            }

            return value;
        }

        return EvalFieldChain(dot, value, variable, variable.Ident[1..], args, final);
    }

    private object? EvalFieldChain(object? dot, object? receiver, Node n, string[] ident, List<Node>? args, object? final)
    {
        for (var i = 0; i < ident.Length - 1; i++)
        {
            receiver = EvalField(dot, ident[i], n, null, NoFinal, receiver);
        }

        return EvalField(dot, ident[^1], n, args, final, receiver);
    }

    private object? EvalFunction(object? dot, IdentifierNode id, Node cmd, List<Node>? args, object? final)
    {
        At(id);
        var f = Functions.Find(id.Ident, header) ?? throw Errorf($"{GoFmt.Quote(id.Ident)} is not a defined function");
        return EvalCall(dot, f, cmd, id.Ident, args, final);
    }

    private object? EvalField(object? dot, string fieldName, Node n, List<Node>? args, object? final, object? receiver)
    {
        receiver = Values.Normalize(receiver);
        if (receiver is Missing)
        {
            if (missingKeyError)
            {
                throw Errorf($"nil data; no entry for key {GoFmt.Quote(fieldName)}");
            }

            return Missing.Value;
        }

        if (receiver is null)
        {
            throw Errorf($"nil pointer evaluating interface {{}}.{fieldName}");
        }

        var hasArgs = (args is not null && args.Count > 1) || final != NoFinal;
        var kind = KindOf(receiver);

        // Go looks for a method first, even on a map type (docker/cli's SubHeaderContext is a map with a Label method);
        // only methods of user types count, so a Dictionary's own Add or Clear never run.
        if (kind == GoKind.Map && receiver is not (System.Text.Json.JsonElement or System.Text.Json.Nodes.JsonNode or GoMap or GoNil)
            && Values.FindMember(receiver.GetType(), fieldName) is MethodInfo userMethod
            && userMethod.DeclaringType?.Namespace?.StartsWith("System", StringComparison.Ordinal) != true)
        {
            return EvalMethod(dot, receiver, userMethod, n, fieldName, args, final);
        }
        if (receiver is GoStruct gs)
        {
            if (!gs.TryGet(fieldName, out var fieldValue))
            {
                throw Errorf($"can't evaluate field {fieldName} in type struct");
            }

            if (hasArgs)
            {
                throw Errorf($"{fieldName} has arguments but cannot be invoked as function");
            }

            return fieldValue;
        }

        if (receiver is GoMap { FieldAccess: false })
        {
            throw Errorf($"can't evaluate field {fieldName} in type nat.PortMap");
        }

        if (kind == GoKind.Map)
        {
            var map = Values.AsMap(receiver)!;
            if (map.StringKeys)
            {
                if (hasArgs)
                {
                    throw Errorf($"{fieldName} is not a method but has arguments");
                }

                if (map.TryGet(fieldName, out var result))
                {
                    return result;
                }

                if (missingKeyError)
                {
                    throw Errorf($"map has no entry for key {GoFmt.Quote(fieldName)}");
                }

                return Missing.Value;
            }
        }
        else if (kind == GoKind.Struct)
        {
            var hit = Member(receiver.GetType(), fieldName);
            switch (hit.Member)
            {
                case MethodInfo m:
                    return EvalMethod(dot, receiver, m, n, fieldName, args, final);
                case PropertyInfo:
                    if (hasArgs)
                    {
                        throw Errorf($"{fieldName} has arguments but cannot be invoked as function");
                    }

                    return Values.Normalize(hit.Getter!(receiver));
                case FieldInfo:
                    if (hasArgs)
                    {
                        throw Errorf($"{fieldName} has arguments but cannot be invoked as function");
                    }

                    return Values.Normalize(hit.Getter!(receiver));
            }
        }

        throw Errorf($"can't evaluate field {fieldName} in type {Values.TypeName(receiver)}");
    }

    /// <summary>
    /// <see cref="Values.FindMember"/> and its getter through a small direct-mapped cache keyed by the type and the field
    /// name's identity (a parsed template's names are the same string objects on every row), so a row does not hash the name.
    /// </summary>
    private MemberHit Member(Type type, string name)
    {
        var slot = (RuntimeHelpers.GetHashCode(type) ^ RuntimeHelpers.GetHashCode(name)) & (MemberHits - 1);
        var hit = memberHits[slot];
        if (hit is not null && ReferenceEquals(hit.Type, type) && ReferenceEquals(hit.Name, name))
        {
            return hit;
        }

        var member = Values.FindMember(type, name);
        hit = new MemberHit(type, name, member, member is PropertyInfo or FieldInfo ? Values.Getter(member) : null);
        memberHits[slot] = hit;
        return hit;
    }

    /// <summary>
    /// <see cref="Values.Kind"/>, remembered for the last receiver type whose kind the type alone decides (all but JSON
    /// elements and typed nils), so the rows of a table skip the kind's chain of type tests.
    /// </summary>
    private GoKind KindOf(object receiver)
    {
        var type = receiver.GetType();
        if (ReferenceEquals(type, kindType))
        {
            return kindOfType;
        }

        var kind = Values.Kind(receiver);
        if (receiver is not (System.Text.Json.JsonElement or GoNil))
        {
            kindType = type;
            kindOfType = kind;
        }

        return kind;
    }

    private sealed record MemberHit(Type Type, string Name, MemberInfo? Member, Func<object, object?>? Getter);

    private object? EvalMethod(object? dot, object receiver, MethodInfo m, Node n, string name, List<Node>? args, object? final)
    {
        var ps = m.GetParameters();
        var types = ps.Select(p => ToParamType(p.ParameterType)).ToArray();
        var f = new GoFunction(name, types, false, a =>
        {
            var converted = new object?[a.Length];
            for (var i = 0; i < a.Length; i++)
            {
                converted[i] = a[i] is Missing ? null : ps[i].ParameterType == typeof(long) && a[i] is int iv ? (long)iv : a[i];
            }

            try
            {
                return m.Invoke(receiver, converted);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw new TemplateFuncError(e.InnerException.Message);
            }
        });
        if (m.ReturnType == typeof(void))
        {
            throw Errorf($"can't call method/function {GoFmt.Quote(name)} with 0 results");
        }

        return EvalCall(dot, f, n, name, args, final);
    }

    private static ParamType ToParamType(Type t) =>
        t == typeof(string) ? ParamType.String :
        t == typeof(int) || t == typeof(long) ? ParamType.Int :
        ParamType.Any;

    private object? EvalCall(object? dot, GoFunction f, Node n, string name, List<Node>? argNodes, object? final)
    {
        var args = argNodes is null ? [] : argNodes.GetRange(1, argNodes.Count - 1);
        var numIn = args.Count + (final != NoFinal ? 1 : 0);
        var numFixed = args.Count;
        if (f.Variadic)
        {
            numFixed = f.In.Length - 1;
            if (numIn < numFixed)
            {
                throw Errorf($"wrong number of args for {name}: want at least {f.In.Length - 1} got {args.Count}");
            }
        }
        else if (numIn != f.In.Length)
        {
            throw Errorf($"wrong number of args for {name}: want {f.In.Length} got {numIn}");
        }

        if (Functions.IsBuiltin(f) && name is "and" or "or")
        {
            object? v = Missing.Value;
            foreach (var arg in args)
            {
                v = EvalArg(dot, ParamType.Value, arg);
                if (Functions.Truth(v) == (name == "or"))
                {
                    return v;
                }
            }

            if (final != NoFinal)
            {
                v = ValidateType(final, ParamType.Value);
            }

            return v;
        }

        var argv = new object?[numIn];
        var i = 0;
        for (; i < numFixed && i < args.Count; i++)
        {
            argv[i] = EvalArg(dot, f.In[i], args[i]);
        }

        if (f.Variadic)
        {
            for (; i < args.Count; i++)
            {
                argv[i] = EvalArg(dot, f.In[^1], args[i]);
            }
        }

        if (final != NoFinal)
        {
            var t = f.Variadic && numIn - 1 < numFixed ? f.In[numIn - 1] : f.In[^1];
            argv[i] = ValidateType(final, t);
        }

        try
        {
            return f.Body(argv);
        }
        catch (TemplateFuncError e)
        {
            At(n);
            throw Errorf($"error calling {name}: {e.Message}");
        }
    }

    private object? ValidateType(object? value, ParamType typ)
    {
        value = Values.Normalize(value);
        switch (typ)
        {
            case ParamType.Value:
                return value;
            case ParamType.Any:
                return value is Missing ? null : value;
            case ParamType.StringSlice:
                {
                    if (value is Missing or null)
                    {
                        return Array.Empty<string>();
                    }

                    var list = Values.Kind(value) == GoKind.Slice ? Values.AsList(value) : null;
                    var strings = list?.Select(Values.Normalize).ToList();
                    if (strings is not null && strings.All(e => e is string))
                    {
                        return strings.Cast<string>().ToList();
                    }

                    throw Errorf($"wrong type for value; expected []string; got {Values.TypeName(value)}");
                }
        }

        var goType = typ == ParamType.String ? "string" : "int";
        if (value is Missing or null)
        {
            throw Errorf($"invalid value; expected {goType}");
        }

        if (typ == ParamType.String && value is string)
        {
            return value;
        }

        if (typ == ParamType.Int && Values.Kind(value) == GoKind.Int)
        {
            return (int)Values.ToInt64(value);
        }

        throw Errorf($"wrong type for value; expected {goType}; got {Values.TypeName(value)}");
    }

    private object? EvalArg(object? dot, ParamType typ, Node n)
    {
        At(n);
        switch (n)
        {
            case DotNode:
                return ValidateType(dot, typ);
            case NilNode:
                if (typ is ParamType.Value or ParamType.Any or ParamType.StringSlice)
                {
                    return typ switch
                    {
                        ParamType.Value => Missing.Value,
                        ParamType.Any => null,
                        _ => Array.Empty<string>(),
                    };
                }

                throw Errorf($"cannot assign nil to {(typ == ParamType.String ? "string" : "int")}");
            case FieldNode f:
                return ValidateType(EvalFieldNode(dot, f, [n], NoFinal), typ);
            case VariableNode v:
                return ValidateType(EvalVariableNode(dot, v, null, NoFinal), typ);
            case PipeNode p:
                return ValidateType(EvalPipeline(dot, p), typ);
            case IdentifierNode id:
                return ValidateType(EvalFunction(dot, id, id, null, NoFinal), typ);
            case ChainNode c:
                return ValidateType(EvalChainNode(dot, c, null, NoFinal), typ);
        }

        switch (typ)
        {
            case ParamType.String:
                return n is StringNode s ? s.Text : throw Errorf($"expected string; found {n}");
            case ParamType.Int:
                return n is NumberNode { IsInt: true } num ? (int)num.Int64 : throw Errorf($"expected integer; found {n}");
            case ParamType.StringSlice:
                throw Errorf($"can't handle {n} for arg of type []string");
            default:
                return n switch
                {
                    BoolNode b => b.True,
                    NumberNode lit => IdealConstant(lit),
                    StringNode str => str.Text,
                    _ => throw Errorf($"can't handle assignment of {n} to empty interface argument"),
                };
        }
    }

    private void PrintValue(Node n, object? v)
    {
        At(n);
        v = Values.Normalize(v);
        if (v is Missing)
        {
            output.Append("<no value>");
            return;
        }

        if (v is Delegate)
        {
            throw Errorf($"can't print {n} of type {Values.TypeName(v)}");
        }

        output.Append(GoFmt.Print(v));
    }
}
