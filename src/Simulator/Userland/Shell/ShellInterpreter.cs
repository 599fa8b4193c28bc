using System.Globalization;
using System.Text;
using Simulator.FileSystem;
using Simulator.Processes;

namespace Simulator.Userland.Shell;

/// <summary>A shell variable.</summary>
internal sealed class ShellVariable
{
    public string? Value { get; set; }

    public bool Exported { get; set; }

    public bool ReadOnly { get; set; }

    public ShellVariable Clone() => new() { Value = Value, Exported = Exported, ReadOnly = ReadOnly };
}

/// <summary>
/// The busybox ash subset's interpreter: executes the syntax tree from <see cref="ShellParser"/> against a
/// process's context. Subshells (pipelines' stages, <c>( )</c>, command substitutions, background jobs)
/// run on clones of the state.
/// </summary>
internal sealed partial class ShellInterpreter
{
    private static int s_lastBackgroundPid = 1000;

    private readonly List<Task> _jobs;
    private Dictionary<string, ShellVariable> _vars;
    private Dictionary<string, Node> _functions;
    private List<Dictionary<string, ShellVariable?>>? _locals;
    private int _errexitSuppressed;
    private int _loopDepth;

    public ShellInterpreter(ProcessContext ctx, string arg0, bool isScript)
    {
        Ctx = ctx;
        Arg0 = arg0;
        IsScript = isScript;
        Fs = ctx.FileSystem;
        Cwd = ctx.WorkingDirectory;
        _vars = new Dictionary<string, ShellVariable>(StringComparer.Ordinal);
        _functions = new Dictionary<string, Node>(StringComparer.Ordinal);
        _jobs = [];
        foreach (var e in ctx.Env)
        {
            var eq = e.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                _vars[e[..eq]] = new ShellVariable { Value = e[(eq + 1)..], Exported = true };
            }
        }

        if (GetVar("PATH") is null)
        {
            _vars["PATH"] = new ShellVariable { Value = ProcessSpec.DefaultPath };
        }

        _vars["PWD"] = new ShellVariable { Value = Cwd, Exported = true };
        _vars["PPID"] = new ShellVariable { Value = "0" };
        _vars["OPTIND"] = new ShellVariable { Value = "1" };
        _vars["IFS"] = new ShellVariable { Value = " \t\n" };
        Fds = new Stream?[10];
        Fds[0] = ctx.Stdin;
        Fds[1] = ctx.Stdout;
        Fds[2] = ctx.Stderr;
        Expander = new ShellExpander(this);
    }

    private ShellInterpreter(ShellInterpreter other)
    {
        Ctx = other.Ctx;
        Arg0 = other.Arg0;
        IsScript = other.IsScript;
        Fs = other.Fs;
        Cwd = other.Cwd;
        _vars = other._vars.ToDictionary(kv => kv.Key, kv => kv.Value.Clone(), StringComparer.Ordinal);
        _functions = new Dictionary<string, Node>(other._functions, StringComparer.Ordinal);
        _jobs = [];
        Positional = [.. other.Positional];
        ErrExit = other.ErrExit;
        XTrace = other.XTrace;
        NoUnset = other.NoUnset;
        NoGlob = other.NoGlob;
        LastStatus = other.LastStatus;
        LastBackgroundPid = other.LastBackgroundPid;
        CurrentLine = other.CurrentLine;
        Fds = (Stream?[])other.Fds.Clone();
        Expander = new ShellExpander(this);
        IsSubshell = true;
    }

    public ProcessContext Ctx { get; }

    public string Arg0 { get; set; }

    public bool IsScript { get; }

    public bool IsSubshell { get; }

    public UnionFileSystem Fs { get; }

    public string Cwd { get; set; }

    public List<string> Positional { get; set; } = [];

    public bool ErrExit { get; set; }

    public bool XTrace { get; set; }

    public bool NoUnset { get; set; }

    public bool NoGlob { get; set; }

    public int LastStatus { get; set; }

    /// <summary>The status of the last command substitution of the current simple command (an assignment-only command's status).</summary>
    public int LastSubstitutionStatus { get; set; }

    public int? LastBackgroundPid { get; set; }

    public int CurrentLine { get; set; }

    public Stream?[] Fds { get; private set; }

    public ShellExpander Expander { get; }

    public ShellInterpreter Clone() => new(this);

    // ---- variables ----
    public string? GetVar(string name) => _vars.TryGetValue(name, out var v) ? v.Value : null;

    public void SetVar(string name, string value, bool? export = null)
    {
        if (_vars.TryGetValue(name, out var v))
        {
            if (v.ReadOnly)
            {
                throw new ShellErrorException($"{name}: is read only", 2, fatal: true);
            }

            v.Value = value;
            if (export is not null)
            {
                v.Exported = export.Value;
            }
        }
        else
        {
            _vars[name] = new ShellVariable { Value = value, Exported = export ?? false };
        }
    }

    public IEnumerable<KeyValuePair<string, ShellVariable>> Variables => _vars;

    public void Unset(string name)
    {
        if (_vars.TryGetValue(name, out var v) && v.ReadOnly)
        {
            throw new ShellErrorException($"unset: {name}: is read only", 2, fatal: true);
        }

        _vars.Remove(name);
    }

    public void Export(string name, string? value)
    {
        if (!_vars.TryGetValue(name, out var v))
        {
            v = new ShellVariable();
            _vars[name] = v;
        }

        if (value is not null)
        {
            if (v.ReadOnly)
            {
                throw new ShellErrorException($"{name}: is read only", 2, fatal: true);
            }

            v.Value = value;
        }

        v.Exported = true;
    }

    public void MarkReadOnly(string name, string? value)
    {
        if (value is not null)
        {
            SetVar(name, value);
        }
        else if (!_vars.ContainsKey(name))
        {
            _vars[name] = new ShellVariable();
        }

        _vars[name].ReadOnly = true;
    }

    public void DeclareLocal(string name, string? value)
    {
        if (_locals is null || _locals.Count == 0)
        {
            throw new ShellErrorException("local: not in a function", 2, fatal: false);
        }

        var frame = _locals[^1];
        if (!frame.ContainsKey(name))
        {
            frame[name] = _vars.TryGetValue(name, out var old) ? old.Clone() : null;
        }

        if (value is not null)
        {
            SetVar(name, value);
        }
        else if (!_vars.ContainsKey(name))
        {
            _vars[name] = new ShellVariable();
        }
    }

    public string? GetParameter(string name)
    {
        switch (name)
        {
            case "?":
                return LastStatus.ToString(CultureInfo.InvariantCulture);
            case "$":
                return Ctx.Pid.ToString(CultureInfo.InvariantCulture);
            case "#":
                return Positional.Count.ToString(CultureInfo.InvariantCulture);
            case "!":
                return LastBackgroundPid?.ToString(CultureInfo.InvariantCulture);
            case "-":
                return (ErrExit ? "e" : "") + (NoGlob ? "f" : "") + (NoUnset ? "u" : "") + (XTrace ? "x" : "");
            case "@":
            case "*":
                {
                    var ifs = GetVar("IFS");
                    var sep = ifs is null ? " " : ifs.Length == 0 ? "" : ifs[..1];
                    return Positional.Count == 0 ? null : string.Join(sep, Positional);
                }
        }

        if (char.IsAsciiDigit(name[0]))
        {
            var n = int.Parse(name, CultureInfo.InvariantCulture);
            if (n == 0)
            {
                return Arg0;
            }

            return n <= Positional.Count ? Positional[n - 1] : null;
        }

        return GetVar(name);
    }

    public List<string> ExportedEnv()
    {
        var env = new List<string>();
        foreach (var (k, v) in _vars)
        {
            if (v.Exported && v.Value is not null)
            {
                env.Add(k + "=" + v.Value);
            }
        }

        return env;
    }

    // ---- output ----
    public string Prefix => Arg0 + ": " + (IsScript ? $"line {CurrentLine}: " : "");

    public async Task WriteFd(int fd, string text)
    {
        var s = Fds[fd];
        if (s is null)
        {
            return;
        }

        try
        {
            await s.WriteAsync(Encoding.UTF8.GetBytes(text)).ConfigureAwait(false);
        }
        catch (IOException e) when (e.Message == "Broken pipe")
        {
            // SIGPIPE: the (sub)shell writing into a closed pipe ends with 128 + 13.
            throw new ShellExitException(141);
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public Task Error(string message) => WriteFd(2, Prefix + message + "\n");

    // ---- running ----

    /// <summary>Runs source text as a program (a script, <c>-c</c>, <c>eval</c>, <c>.</c>); syntax errors are reported and give status 2.</summary>
    public async Task<int> RunSourceAsync(string source)
    {
        if (_nesting >= MaxNesting)
        {
            throw new ShellErrorException("eval nesting too deep", 2, fatal: true);
        }

        _nesting++;
        try
        {
            return await RunSourceCoreAsync(source).ConfigureAwait(false);
        }
        finally
        {
            _nesting--;
        }
    }

    private async Task<int> RunSourceCoreAsync(string source)
    {
        Node program;
        try
        {
            program = ShellParser.Parse(source);
        }
        catch (ShellSyntaxException e)
        {
            await Error("syntax error: " + e.Message).ConfigureAwait(false);
            LastStatus = 2;
            throw new ShellExitException(2);
        }

        return await ExecuteAsync(program).ConfigureAwait(false);
    }

    /// <summary>Runs a whole program at the top level: exit, fatal errors and syntax errors end it with their status.</summary>
    public async Task<int> RunTopLevelAsync(string source, bool execLastCommand = false)
    {
        try
        {
            Node program;
            try
            {
                program = ShellParser.Parse(source);
            }
            catch (ShellSyntaxException e)
            {
                await Error("syntax error: " + e.Message).ConfigureAwait(false);
                return 2;
            }

            if (execLastCommand && program is SequenceNode { Items: [(SimpleCommand single, false)] })
            {
                ExecCandidate = single;
            }

            var status = await ExecuteAsync(program).ConfigureAwait(false);
            return await RunExitTrapAsync(status).ConfigureAwait(false);
        }
        catch (ShellExitException e)
        {
            return await RunExitTrapAsync(e.Status).ConfigureAwait(false);
        }
        catch (ShellReturnException e)
        {
            return await RunExitTrapAsync(e.Status).ConfigureAwait(false);
        }
        catch (ShellLoopException)
        {
            return await RunExitTrapAsync(LastStatus).ConfigureAwait(false);
        }
        catch (ShellErrorException e)
        {
            await Error(e.Message).ConfigureAwait(false);
            return await RunExitTrapAsync(e.Status).ConfigureAwait(false);
        }
    }

    private async Task<int> RunExitTrapAsync(int status)
    {
        var trap = ExitTrap;
        if (trap is null)
        {
            return status;
        }

        ExitTrap = null;
        LastStatus = status;
        try
        {
            await RunSourceAsync(trap).ConfigureAwait(false);
        }
        catch (ShellExitException e)
        {
            return e.Status;
        }
        catch (ShellErrorException e)
        {
            await Error(e.Message).ConfigureAwait(false);
        }

        return status;
    }

    /// <summary>
    /// Runs a script read from a stream as ash reads standard input: line by line, running each complete
    /// command before reading further (so <c>docker attach</c> and <c>read</c> in the script see the rest).
    /// </summary>
    public async Task<int> RunStreamAsync(Stream input, bool interactive = false)
    {
        var buffer = new StringBuilder();
        var status = 0;
        try
        {
            while (true)
            {
                if (interactive)
                {
                    await Ctx.WriteErrorAsync(buffer.Length == 0 ? ExpandPrompt(GetVar("PS1") ?? "\\w \\$ ") : GetVar("PS2") ?? "> ").ConfigureAwait(false);
                }

                var (line, eof) = await ReadLineAsync(input).ConfigureAwait(false);
                buffer.Append(line);
                var text = buffer.ToString();
                if (!eof && EndsWithContinuation(text))
                {
                    continue;
                }

                if (text.Trim().Length > 0)
                {
                    Node program;
                    try
                    {
                        program = ShellParser.Parse(text, moreInputMayFollow: !eof);
                    }
                    catch (ShellSyntaxException e) when (e.Incomplete && !eof)
                    {
                        continue;
                    }
                    catch (ShellSyntaxException e)
                    {
                        await Error("syntax error: " + e.Message).ConfigureAwait(false);
                        if (!interactive)
                        {
                            return 2;
                        }

                        buffer.Clear();
                        status = 2;
                        continue;
                    }

                    buffer.Clear();
                    status = await ExecuteAsync(program).ConfigureAwait(false);
                }
                else
                {
                    buffer.Clear();
                }

                if (eof)
                {
                    break;
                }
            }

            return await RunExitTrapAsync(status).ConfigureAwait(false);
        }
        catch (ShellExitException e)
        {
            return await RunExitTrapAsync(e.Status).ConfigureAwait(false);
        }
        catch (ShellReturnException e)
        {
            return await RunExitTrapAsync(e.Status).ConfigureAwait(false);
        }
        catch (ShellLoopException)
        {
            return await RunExitTrapAsync(LastStatus).ConfigureAwait(false);
        }
        catch (ShellErrorException e)
        {
            await Error(e.Message).ConfigureAwait(false);
            return await RunExitTrapAsync(e.Status).ConfigureAwait(false);
        }
    }

    private static bool EndsWithContinuation(string text)
    {
        if (!text.EndsWith("\\\n", StringComparison.Ordinal))
        {
            return false;
        }

        var n = 0;
        for (var i = text.Length - 2; i >= 0 && text[i] == '\\'; i--)
        {
            n++;
        }

        return n % 2 == 1;
    }

    /// <summary>busybox ash's prompt escapes: <c>\w</c> (cwd, <c>$HOME</c> as <c>~</c>), <c>\W</c>, <c>\$</c> (<c>#</c> for root), <c>\u</c>, <c>\h</c>.</summary>
    private string ExpandPrompt(string ps1)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < ps1.Length; i++)
        {
            if (ps1[i] != '\\' || i + 1 >= ps1.Length)
            {
                sb.Append(ps1[i]);
                continue;
            }

            var home = GetVar("HOME");
            switch (ps1[++i])
            {
                case 'w':
                    sb.Append(!string.IsNullOrEmpty(home) && home != "/" && (Cwd == home || Cwd.StartsWith(home + "/", StringComparison.Ordinal)) ? "~" + Cwd[home.Length..] : Cwd);
                    break;
                case 'W':
                    sb.Append(Cwd == "/" ? "/" : Cwd[(Cwd.LastIndexOf('/') + 1)..]);
                    break;
                case '$':
                    sb.Append(Ctx.User.Uid == 0 ? '#' : '$');
                    break;
                case 'u':
                    sb.Append(Ctx.User.Name ?? Ctx.User.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case 'h':
                    sb.Append((GetVar("HOSTNAME") ?? "").Split('.')[0]);
                    break;
                default:
                    sb.Append('\\').Append(ps1[i]);
                    break;
            }
        }

        return sb.ToString();
    }

    private async Task<(string Line, bool Eof)> ReadLineAsync(Stream input)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            var n = await input.ReadAsync(one, Ctx.CancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return (Encoding.UTF8.GetString(bytes.ToArray()), true);
            }

            bytes.Add(one[0]);
            if (one[0] == '\n')
            {
                return (Encoding.UTF8.GetString(bytes.ToArray()), false);
            }
        }
    }

    public async Task<int> ExecuteAsync(Node node)
    {
        Ctx.CancellationToken.ThrowIfCancellationRequested();
        while (PendingTraps.TryDequeue(out var trap))
        {
            var saved = LastStatus;
            await RunSourceAsync(trap).ConfigureAwait(false);
            LastStatus = saved;
        }

        int status;
        switch (node)
        {
            case SequenceNode seq:
                status = LastStatus;
                foreach (var (cmd, background) in seq.Items)
                {
                    if (background)
                    {
                        StartBackground(cmd);
                        status = 0;
                        LastStatus = 0;
                    }
                    else
                    {
                        status = await ExecuteAsync(cmd).ConfigureAwait(false);
                    }
                }

                return status;
            case AndOrNode andOr:
                {
                    _errexitSuppressed++;
                    try
                    {
                        status = await ExecuteAsync(andOr.First).ConfigureAwait(false);
                    }
                    finally
                    {
                        _errexitSuppressed--;
                    }

                    for (var i = 0; i < andOr.Rest.Count; i++)
                    {
                        var (isAnd, cmd) = andOr.Rest[i];
                        if (isAnd != (status == 0))
                        {
                            continue;
                        }

                        var last = i == andOr.Rest.Count - 1;
                        if (!last)
                        {
                            _errexitSuppressed++;
                        }

                        try
                        {
                            status = await ExecuteAsync(cmd).ConfigureAwait(false);
                        }
                        finally
                        {
                            if (!last)
                            {
                                _errexitSuppressed--;
                            }
                        }
                    }

                    LastStatus = status;
                    return status;
                }

            case PipelineNode pipe:
                status = await ExecutePipelineAsync(pipe).ConfigureAwait(false);
                return status;
            case SimpleCommand simple:
                status = await ExecuteSimpleAsync(simple).ConfigureAwait(false);
                return CheckErrExit(status);
            case SubshellNode sub:
                {
                    var clone = Clone();
                    status = await clone.RunSubshellAsync(sub.Body).ConfigureAwait(false);
                    LastStatus = status;
                    return CheckErrExit(status);
                }

            case GroupNode group:
                return await ExecuteAsync(group.Body).ConfigureAwait(false);
            case RedirectedNode red:
                return await WithRedirectionsAsync(red.Redirections, () => ExecuteAsync(red.Body)).ConfigureAwait(false);
            case IfNode ifNode:
                foreach (var (cond, body) in ifNode.Branches)
                {
                    if (await ConditionAsync(cond).ConfigureAwait(false) == 0)
                    {
                        return await ExecuteAsync(body).ConfigureAwait(false);
                    }
                }

                if (ifNode.Else is not null)
                {
                    return await ExecuteAsync(ifNode.Else).ConfigureAwait(false);
                }

                LastStatus = 0;
                return 0;
            case LoopNode loop:
                return await ExecuteLoopAsync(loop).ConfigureAwait(false);
            case ForNode forNode:
                return await ExecuteForAsync(forNode).ConfigureAwait(false);
            case CaseNode caseNode:
                return await ExecuteCaseAsync(caseNode).ConfigureAwait(false);
            case ConditionalNode cond:
                return CheckErrExit(await EvaluateConditionalAsync(cond).ConfigureAwait(false));
            case FunctionNode fn:
                _functions[fn.Name] = fn.Body;
                LastStatus = 0;
                return 0;
            default:
                throw new InvalidOperationException("unknown node " + node.GetType().Name);
        }
    }

    private int CheckErrExit(int status)
    {
        LastStatus = status;
        if (status != 0 && ErrExit && _errexitSuppressed == 0)
        {
            throw new ShellExitException(status);
        }

        return status;
    }

    private async Task<int> ConditionAsync(Node cond)
    {
        _errexitSuppressed++;
        try
        {
            return await ExecuteAsync(cond).ConfigureAwait(false);
        }
        finally
        {
            _errexitSuppressed--;
        }
    }

    /// <summary>Runs a body as a subshell on this (cloned) state, catching exit.</summary>
    public async Task<int> RunSubshellAsync(Node body)
    {
        try
        {
            return await ExecuteAsync(body).ConfigureAwait(false);
        }
        catch (ShellExitException e)
        {
            return e.Status;
        }
        catch (ShellReturnException e)
        {
            return e.Status;
        }
        catch (ShellLoopException)
        {
            return LastStatus;
        }
        catch (ShellErrorException e)
        {
            await Error(e.Message).ConfigureAwait(false);
            return e.Status;
        }
    }

    private void StartBackground(Node cmd)
    {
        var clone = Clone();
        clone.Fds[0] = Stream.Null;
        var pid = Interlocked.Increment(ref s_lastBackgroundPid);
        LastBackgroundPid = pid;
        var task = Task.Run(() => clone.RunSubshellAsync(cmd));
        lock (_jobs)
        {
            _jobs.Add(task);
        }
    }

    public async Task<int> WaitJobsAsync()
    {
        Task[] jobs;
        lock (_jobs)
        {
            jobs = [.. _jobs];
            _jobs.Clear();
        }

        var status = 0;
        foreach (var j in jobs)
        {
            await j.WaitAsync(Ctx.CancellationToken).ConfigureAwait(false);
            if (j is Task<int> t)
            {
                status = t.Result;
            }
        }

        return status;
    }

    public async Task<string> CommandSubstitutionAsync(Node body)
    {
        var clone = Clone();
        using var output = new MemoryStream();
        var sync = Stream.Synchronized(output);
        clone.Fds[1] = sync;
        var status = await clone.RunSubshellAsync(body).ConfigureAwait(false);
        LastSubstitutionStatus = status;
        var text = Encoding.UTF8.GetString(output.ToArray());
        return text.TrimEnd('\n');
    }

    private async Task<int> ExecutePipelineAsync(PipelineNode pipe)
    {
        int status;
        if (pipe.Commands.Count == 1)
        {
            _errexitSuppressed += pipe.Negate ? 1 : 0;
            try
            {
                status = await ExecuteAsync(pipe.Commands[0]).ConfigureAwait(false);
            }
            finally
            {
                _errexitSuppressed -= pipe.Negate ? 1 : 0;
            }
        }
        else
        {
            var n = pipe.Commands.Count;
            var pipes = new ProcessPipe[n - 1];
            for (var i = 0; i < n - 1; i++)
            {
                pipes[i] = new ProcessPipe();
            }

            var tasks = new Task<int>[n];
            for (var i = 0; i < n; i++)
            {
                var clone = Clone();
                if (i > 0)
                {
                    clone.Fds[0] = pipes[i - 1].Reader;
                }

                if (i < n - 1)
                {
                    clone.Fds[1] = pipes[i].Writer;
                }

                var cmd = pipe.Commands[i];
                var index = i;
                tasks[i] = Task.Run(async () =>
                {
                    try
                    {
                        return await clone.RunSubshellAsync(cmd).ConfigureAwait(false);
                    }
                    catch (IOException)
                    {
                        return 141;
                    }
                    finally
                    {
                        if (index < n - 1)
                        {
                            pipes[index].CompleteWriting();
                        }

                        if (index > 0)
                        {
                            await pipes[index - 1].Reader.DisposeAsync().ConfigureAwait(false);
                        }
                    }
                });
            }

            var results = await Task.WhenAll(tasks).WaitAsync(Ctx.CancellationToken).ConfigureAwait(false);
            status = results[^1];
        }

        if (pipe.Negate)
        {
            status = status == 0 ? 1 : 0;
            LastStatus = status;
            return status;
        }

        return CheckErrExit(status);
    }

    private async Task<int> ExecuteLoopAsync(LoopNode loop)
    {
        var status = 0;
        _loopDepth++;
        try
        {
            while (true)
            {
                var c = await ConditionAsync(loop.Condition).ConfigureAwait(false);
                if ((c == 0) == loop.Until)
                {
                    break;
                }

                (status, var broke) = await LoopBodyAsync(loop.Body).ConfigureAwait(false);
                if (broke)
                {
                    break;
                }
            }
        }
        finally
        {
            _loopDepth--;
        }

        LastStatus = status;
        return status;
    }

    private async Task<int> ExecuteForAsync(ForNode node)
    {
        var items = node.Items is null ? [.. Positional] : await Expander.ExpandWordsAsync(node.Items).ConfigureAwait(false);
        var status = 0;
        _loopDepth++;
        try
        {
            foreach (var item in items)
            {
                SetVar(node.Variable, item);
                (status, var broke) = await LoopBodyAsync(node.Body).ConfigureAwait(false);
                if (broke)
                {
                    break;
                }
            }
        }
        finally
        {
            _loopDepth--;
        }

        LastStatus = status;
        return status;
    }

    public bool InLoop => _loopDepth > 0;

    /// <summary>One pass of a loop body: its status, and whether a <c>break</c> aimed at this loop ended it
    /// (<c>break N</c>/<c>continue N</c> with N &gt; 1 propagate to the enclosing loop).</summary>
    private async Task<(int Status, bool Break)> LoopBodyAsync(Node body)
    {
        try
        {
            return (await ExecuteAsync(body).ConfigureAwait(false), false);
        }
        catch (ShellLoopException e)
        {
            if (--e.Count > 0)
            {
                throw;
            }

            return (LastStatus, !e.IsContinue);
        }
    }

    private async Task<int> ExecuteCaseAsync(CaseNode node)
    {
        var subject = await Expander.ExpandStringAsync(node.Subject).ConfigureAwait(false);
        foreach (var (patterns, body) in node.Items)
        {
            foreach (var p in patterns)
            {
                var pattern = await Expander.ExpandPatternAsync(p).ConfigureAwait(false);
                if (pattern.Matches(subject))
                {
                    return await ExecuteAsync(body).ConfigureAwait(false);
                }
            }
        }

        LastStatus = 0;
        return 0;
    }

    /// <summary>How deep functions, <c>eval</c> and <c>.</c> may nest before the shell gives up (ash would exhaust its stack).</summary>
    public const int MaxNesting = 200;

    private int _nesting;

    public async Task<int> CallFunctionAsync(Node body, List<string> args)
    {
        if (_nesting >= MaxNesting)
        {
            throw new ShellErrorException("function nesting too deep", 2, fatal: true);
        }

        _nesting++;
        try
        {
            return await CallFunctionCoreAsync(body, args).ConfigureAwait(false);
        }
        finally
        {
            _nesting--;
        }
    }

    private async Task<int> CallFunctionCoreAsync(Node body, List<string> args)
    {
        var savedPositional = Positional;
        Positional = args;
        _locals ??= [];
        _locals.Add(new Dictionary<string, ShellVariable?>(StringComparer.Ordinal));
        try
        {
            return await ExecuteAsync(body).ConfigureAwait(false);
        }
        catch (ShellReturnException e)
        {
            LastStatus = e.Status;
            return e.Status;
        }
        finally
        {
            Positional = savedPositional;
            var frame = _locals[^1];
            _locals.RemoveAt(_locals.Count - 1);
            foreach (var (name, old) in frame)
            {
                if (old is null)
                {
                    _vars.Remove(name);
                }
                else
                {
                    _vars[name] = old;
                }
            }
        }
    }
}
