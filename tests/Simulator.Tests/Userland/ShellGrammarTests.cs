namespace Simulator.Tests.Userland;

/// <summary>The sh grammar and expansions, against what busybox ash prints.</summary>
public sealed class ShellGrammarTests
{
    public static TheoryData<string, string> Outputs => new()
    {
        // quoting
        { "echo 'single $X \"q\"'", "single $X \"q\"\n" },
        { "X=v; echo \"dq $X '$X' \\$X \\\\ \\\"\"", "dq v 'v' $X \\ \"\n" },
        { "echo a\\ b\\$c", "a b$c\n" },
        { "echo \"a\\nb\"", "a\\nb\n" },
        { "echo ''\"\"x", "x\n" },
        { "set -- ''; echo $#", "1\n" },
        { "echo line\\\ncontinued", "linecontinued\n" },
        // parameters
        { "X=abc; echo ${#X}", "3\n" },
        { "unset X; echo ${X-unset} ${X:-empty}", "unset empty\n" },
        { "X=; echo [${X-unset}] [${X:-empty}]", "[] [empty]\n" },
        { "unset X; echo ${X:=dflt}; echo $X", "dflt\ndflt\n" },
        { "X=; echo [${X=new}] [${X:=new2}]", "[] [new2]\n" },
        { "X=1; echo [${X:+alt}] [${Y:+alt}] [${X+set}]", "[alt] [] [set]\n" },
        { "P=/usr/local/lib/file.tar.gz; echo ${P#*/} ${P##*/}", "usr/local/lib/file.tar.gz file.tar.gz\n" },
        { "P=file.tar.gz; echo ${P%.*} ${P%%.*}", "file.tar file\n" },
        { "P='a*b'; echo ${P#\"a*\"}", "b\n" },
        { "P=hello.world.txt; echo ${P/./_} ${P//./_} ${P/.*/} \"${P//o}\"", "hello_world.txt hello_world_txt hello hell.wrld.txt\n" },
        { "P=abcdef; echo ${P:2} ${P:1:3} ${P: -2} ${P:0:$((1+1))}", "cdef bcd ef ab\n" },
        { "false; echo $?; true; echo $?", "1\n0\n" },
        { "set -- a 'b c' d; echo $#; for x in \"$@\"; do echo \"<$x>\"; done", "3\n<a>\n<b c>\n<d>\n" },
        { "set -- a 'b c' d; for x in $*; do echo \"<$x>\"; done", "<a>\n<b>\n<c>\n<d>\n" },
        { "set -- a b; echo \"$*\"", "a b\n" },
        { "set -- a b c d e f g h i j; echo $1 $9 ${10}", "a i j\n" },
        { "echo $0", "sh\n" },
        { "f() { echo $# $1; }; f x y", "2 x\n" },
        // field splitting and IFS
        { "X='a  b   c'; for w in $X; do echo \"[$w]\"; done", "[a]\n[b]\n[c]\n" },
        { "X='a:b::c'; IFS=:; for w in $X; do echo \"[$w]\"; done", "[a]\n[b]\n[]\n[c]\n" },
        { "X=' lead'; echo \"[$X]\" $X [$X]", "[ lead] lead [ lead]\n" },
        // command substitution and arithmetic
        { "X=$(printf 'a\\n\\n\\n'); echo \"[$X]\"", "[a]\n" },
        { "echo $(echo $(echo nested))", "nested\n" },
        { "X=$(false); echo $?", "1\n" },
        { "i=0; i=$((i+1)); echo $i $((10 % 3)) $((2 > 1)) $(( (1+2)*3 ))", "1 1 1 9\n" },
        // lists and pipes
        { "true && echo and; false || echo or; false && echo no; true || echo no2", "and\nor\n" },
        { "printf 'b\\na\\nc\\n' | sort | head -n 2", "a\nb\n" },
        { "echo x | { read v; echo got $v; }", "got x\n" },
        { "! false; echo $?", "0\n" },
        { "(cd /tmp; pwd); pwd", "/tmp\n/\n" },
        { "{ echo a; echo b; } | wc -l", "2\n" },
        { "echo bg & wait; echo done", "bg\ndone\n" },
        // control flow
        { "if false; then echo 1; elif true; then echo 2; else echo 3; fi", "2\n" },
        { "i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo $i; done", "1\n2\n3\n" },
        { "i=0; until [ $i -ge 2 ]; do i=$((i+1)); done; echo $i", "2\n" },
        { "for i in 1 2 3 4; do if [ $i = 2 ]; then continue; fi; if [ $i = 4 ]; then break; fi; echo $i; done", "1\n3\n" },
        { "for i in a b; do for j in 1 2; do [ $j = 2 ] && continue 2; echo $i$j; done; done", "a1\nb1\n" },
        { "case foo.txt in *.md) echo md;; *.txt|*.text) echo text;; *) echo other;; esac", "text\n" },
        { "case x in (x) echo paren;; esac", "paren\n" },
        { "case 'a*' in 'a*') echo quoted;; a*) echo glob;; esac", "quoted\n" },
        { "case abc in a?c) echo q;; esac; case b in [a-c]) echo br;; esac; case d in [!a-c]) echo neg;; esac", "q\nbr\nneg\n" },
        // functions
        { "greet() { echo \"hi $1\"; return 3; }; greet you; echo $?", "hi you\n3\n" },
        { "f() { local x=inner; echo $x; }; x=outer; f; echo $x", "inner\nouter\n" },
        { "f() { X=changed; }; X=orig; f; echo $X", "changed\n" },
        // here-documents
        { "X=val; cat <<EOF\nvalue: $X\n$(echo cmd)\nEOF", "value: val\ncmd\n" },
        { "X=val; cat <<'EOF'\nvalue: $X\nEOF", "value: $X\n" },
        { "cat <<-EOF\n\tindented\n\tEOF", "indented\n" },
        { "cat <<A; cat <<B\na\nA\nb\nB", "a\nb\n" },
        // redirections
        { "echo one > /tmp/f; echo two >> /tmp/f; cat < /tmp/f", "one\ntwo\n" },
        { "echo err >&2 2>/dev/null; echo out", "out\n" },
        { "{ echo out; echo err >&2; } 2>&1 | sort", "err\nout\n" },
        { "ls /nonexistent 2>/dev/null; echo $?", "2\n" },
        { "echo hidden > /dev/null; cat /dev/null; echo shown", "shown\n" },
        { "exec 3>/tmp/fd3; echo via3 >&3; cat /tmp/fd3", "via3\n" },
        // globbing
        { "mkdir -p /g; touch /g/b.txt /g/a.txt /g/c.md /g/.hidden; echo /g/*.txt", "/g/a.txt /g/b.txt\n" },
        { "mkdir -p /g; touch /g/a; cd /g; echo * ; echo '*'; echo nomatch*", "a\n*\nnomatch*\n" },
        { "set -f; mkdir -p /g; touch /g/a; echo /g/*", "/g/*\n" },
        // builtins
        { "export A=1; sh -c 'echo $A'", "1\n" },
        { "B=2; sh -c 'echo [$B]'", "[]\n" },
        { "C=3 sh -c 'echo $C'; echo [$C]", "3\n[]\n" },
        { "set -- 1 2 3; shift; echo $@; shift 2; echo $#", "2 3\n0\n" },
        { "printf 'a b\\n' | { read x y; echo \"$y-$x\"; }", "b-a\n" },
        { "printf 'one two three\\n' | { read x y; echo \"[$y]\"; }", "[two three]\n" },
        { "printf 'a\\\\b\\n' | { read -r x; echo \"$x\"; }", "a\\b\n" },
        { "eval 'X=5; echo $X'", "5\n" },
        { "echo 'echo sourced $1' > /tmp/s.sh; . /tmp/s.sh; echo end", "sourced\nend\n" },
        { "cd /tmp && pwd && cd - && cd", "/tmp\n/\n" },
        { "test 1 -lt 2 && [ abc = abc ] && [ -n x ] && [ -z '' ] && echo yes", "yes\n" },
        { "[ -d /tmp ] && [ -f /etc/passwd ] && [ ! -e /nope ] && echo fs", "fs\n" },
        { "printf '%s=%d\\n' a 1 b 2", "a=1\nb=2\n" },
        { "printf '%5s|%-5s|%05d|%x|%o|%%\\n' ab cd 42 255 8", "   ab|cd   |00042|ff|10|%\n" },
        { "command -v ls; command -v cd; type true", "/bin/ls\ncd\ntrue is a shell builtin\n" },
        { "trap 'echo bye' EXIT; echo hi", "hi\nbye\n" },
        { "exit 3; echo no", "" },
        { "x=file.tar.gz; [[ $x == *.gz ]] && echo gz; [[ $x != *.zip ]] && echo notzip; [[ \"$x\" == \"*.gz\" ]] || echo literal", "gz\nnotzip\nliteral\n" },
        { "[[ -d /tmp && ( -f /nope || -f /etc/passwd ) ]] && echo ok; [[ ! -e /nope ]] && echo absent", "ok\nabsent\n" },
        { "v='a b'; [[ $v = 'a b' ]] && echo nosplit; [[ abc =~ ^a.c$ ]] && echo re; [[ 2 -lt 10 ]] && echo num; [[ b > a ]] && echo str", "nosplit\nre\nnum\nstr\n" },
        { "set -- -a -b val -cfile rest; while getopts ab:c: o; do echo \"$o=${OPTARG:-}\"; done; shift $((OPTIND-1)); echo \"$@\"", "a=\nb=val\nc=file\nrest\n" },
        { "set -- -xy; while getopts xy o; do echo $o; done", "x\ny\n" },
        // idioms of entrypoint scripts
        { "printf 'l1\nl2 x\n' > /tmp/in; while IFS= read -r line; do echo \"<$line>\"; done < /tmp/in", "<l1>\n<l2 x>\n" },
        { "cat <<EOF | wc -l\na\nb\nEOF", "2\n" },
        { "set --; for a in \"$@\"; do echo arg; done; echo none", "none\n" },
        { "f() { echo \"$@\"; }; f 'a b' c", "a b c\n" },
        { "[ \"${1:-}\" = '' ] && echo empty-arg", "empty-arg\n" },
        { "case \"$(uname 2>/dev/null || echo Linux)\" in Linux) echo linux;; esac", "linux\n" },
        { "if [ -z \"$HOME\" ]; then echo nohome; else echo \"home=$HOME\"; fi", "home=/root\n" },
        { "x=1; x=$((x * 10 + 2)); echo $x; : $((x += 1)); echo $x", "12\n13\n" },
        { "echo ~ ~/sub", "/root /root/sub\n" },
        { "A=1 B=2; echo \"$A$B\"", "12\n" },
        { "echo \"${HOME%/*}\" \"${HOME#/}\"", " root\n" },
    };

    [Theory]
    [MemberData(nameof(Outputs))]
    public async Task Script_output(string script, string expected)
    {
        var r = await new Sandbox().Sh(script);
        Assert.Equal(expected, r.Out);
    }

    public static TheoryData<string, int, string, string> Errors => new()
    {
        { "foo", 127, "", "sh: foo: not found\n" },
        { "foo; echo after $?", 0, "after 127\n", "sh: foo: not found\n" },
        { "echo 'unterminated", 2, "", "sh: syntax error: unterminated quoted string\n" },
        { "echo \"unterminated", 2, "", "sh: syntax error: unterminated quoted string\n" },
        { "echo hi; fi", 2, "", "sh: syntax error: unexpected \"fi\"\n" },
        { "if true; then echo x", 2, "", "sh: syntax error: unexpected end of file (expecting \"fi\")\n" },
        { "while true; echo x; done", 2, "", "sh: syntax error: unexpected \"done\"\n" },
        { "echo ${X", 2, "", "sh: syntax error: bad substitution\n" },
        { "echo ${X!}", 2, "", "sh: syntax error: bad substitution\n" },
        { "echo a | | b", 2, "", "sh: syntax error: unexpected \"|\"\n" },
        // ash's raise_error_unexpected_syntax: "unexpected TOKEN[ (expecting TOKEN)]"; tokname(TEOF) is "end of file", TNL "newline".
        { "echo >", 2, "", "sh: syntax error: unexpected end of file\n" },
        { "echo >\necho after", 2, "", "sh: syntax error: unexpected newline\n" },
        { "echo hi 2>", 2, "", "sh: syntax error: unexpected end of file\n" },
        { "cat <", 2, "", "sh: syntax error: unexpected end of file\n" },
        { "echo > ;", 2, "", "sh: syntax error: unexpected \";\"\n" },
        { "( echo x", 2, "", "sh: syntax error: unexpected end of file (expecting \")\")\n" },
        { "echo x )", 2, "", "sh: syntax error: unexpected \")\"\n" },
        { "{ echo x", 2, "", "sh: syntax error: unexpected end of file (expecting \"}\")\n" },
        { "echo x; done", 2, "", "sh: syntax error: unexpected \"done\"\n" },
        { "then", 2, "", "sh: syntax error: unexpected \"then\"\n" },
        { "echo $((1 +))", 2, "", "sh: arithmetic syntax error\n" },
        { "echo hi > /nonexistent/x; echo $?", 0, "2\n", "sh: can't create /nonexistent/x: nonexistent directory\n" },
        { "cat < /nonexistent; echo $?", 0, "2\n", "sh: can't open /nonexistent: no such file\n" },
        { "set -u; echo $NOPE; echo after", 2, "", "sh: NOPE: parameter not set\n" },
        { "echo ${NOPE?custom message}; echo after", 2, "", "sh: NOPE: custom message\n" },
        { "set -e; false; echo no", 1, "", "" },
        { "set -e; false || true; if false; then :; fi; ! true; echo survived", 0, "survived\n", "" },
        { "set -e; f() { false; echo no; }; f", 1, "", "" },
        { "set -x; X=1; echo $X", 0, "1\n", "+ X=1\n+ echo 1\n" },
        { "cd /nonexistent; echo $?", 0, "2\n", "sh: cd: can't cd to /nonexistent: No such file or directory\n" },
        { "shift 3", 2, "", "sh: shift: can't shift that many\n" },
        { "exit abc", 2, "", "sh: exit: Illegal number: abc\n" },
        { "/etc/passwd", 126, "", "sh: /etc/passwd: Permission denied\n" },
        { "/tmp", 126, "", "sh: /tmp: Permission denied\n" },
        { "/nope/x", 127, "", "sh: /nope/x: No such file or directory\n" },
        { "[ a = a; echo $?", 0, "2\n", "[: missing ]\n" },
        { "[ abc -lt 1 ]; echo $?", 0, "2\n", "[: abc: bad number\n" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task Errors_are_ash_messages(string script, int code, string stdout, string stderr)
    {
        var r = await new Sandbox().Sh(script);
        Assert.Equal(stderr, r.Err);
        Assert.Equal(stdout, r.Out);
        Assert.Equal(code, r.Code);
    }

    [Fact]
    public async Task Exit_status_is_the_last_command_and_exit_codes_wrap()
    {
        var s = new Sandbox();
        Assert.Equal(3, (await s.Sh("exit 3")).Code);
        Assert.Equal(1, (await s.Sh("false")).Code);
        Assert.Equal(0, (await s.Sh("exit 256")).Code);
        Assert.Equal(5, (await s.Sh("(exit 5)")).Code);
    }

    [Fact]
    public async Task Script_files_run_with_arguments_and_line_numbers_in_errors()
    {
        var s = new Sandbox();
        s.Fs.WriteAllText("/script.sh", "#!/bin/sh\necho \"args: $# $1 $0\"\nnosuchcmd\n", (UnixFileMode)0b111_101_101);
        var r = await s.Run("/script.sh", "one");
        Assert.Equal("args: 1 one /script.sh\n", r.Out);
        Assert.Equal("/script.sh: line 3: nosuchcmd: not found\n", r.Err);
        Assert.Equal(127, r.Code);

        var viaSh = await s.Run("sh", "/script.sh", "x");
        Assert.Equal("args: 1 x /script.sh\n", viaSh.Out);

        var missing = await s.Run("sh", "/missing.sh");
        Assert.Equal("sh: can't open '/missing.sh': No such file or directory\n", missing.Err);
        Assert.Equal(127, missing.Code);
    }

    [Fact]
    public async Task Script_from_stdin()
    {
        var r = await new Sandbox().Run(Sandbox.Spec("sh"), "echo from stdin\nexit 4\n");
        Assert.Equal("from stdin\n", r.Out);
        Assert.Equal(4, r.Code);
    }

    [Fact]
    public async Task Stdin_scripts_run_command_by_command_as_lines_arrive()
    {
        var s = new Sandbox();
        var stdin = new Simulator.Processes.ProcessPipe();
        var stdout = new Simulator.Processes.ProcessPipe();
        var p = s.NewNamespace().Start(Sandbox.Spec("/bin/ash"), stdin.Reader, stdout.Writer);
        var reader = new StreamReader(stdout.Reader);
        async Task Send(string text) => await stdin.Writer.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text), TestContext.Current.CancellationToken);
        async Task<string?> Line() => await reader.ReadLineAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        await Send("echo one\n");
        Assert.Equal("one", await Line());
        await Send("if true\nthen echo two\n");
        await Send("fi\n");
        Assert.Equal("two", await Line());
        await Send("read x\nfrom-stdin\necho \"got $x\"\n");
        Assert.Equal("got from-stdin", await Line());
        await Send("cat <<EOF\nheredoc\n");
        await Send("EOF\necho 'multi\nline'\n");
        Assert.Equal("heredoc", await Line());
        Assert.Equal("multi", await Line());
        Assert.Equal("line", await Line());
        Assert.False(p.HasExited);
        await Send("exit 3\n");
        Assert.Equal(3, await p.WaitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Unknown_shell_option_is_an_error()
    {
        var r = await new Sandbox().Run("sh", "-q", "-c", "echo x");
        Assert.Equal("sh: illegal option -q\n", r.Err);
        Assert.Equal(2, r.Code);
    }

    [Fact]
    public async Task Files_without_a_shebang_run_as_shell_scripts()
    {
        var s = new Sandbox();
        s.Fs.WriteAllText("/usr/bin/plain", "echo plain $1\n", (UnixFileMode)0b111_101_101);
        var r = await s.Sh("plain arg");
        Assert.Equal("plain arg\n", r.Out);
    }

    [Fact]
    public async Task Redirection_into_read_only_or_forbidden_places_reports_the_errno()
    {
        var s = new Sandbox();
        s.Fs.CreateDirectories("/secret");
        s.Fs.Chmod("/secret", (UnixFileMode)0b111_000_000);
        var r = await s.Sh("echo x > /secret/f", user: new Simulator.Processes.ProcessUser(1000, 1000));
        Assert.Equal("sh: can't create /secret/f: Permission denied\n", r.Err);
        Assert.Equal(2, r.Code);
    }

    [Fact]
    public async Task Redirection_into_a_read_only_root_reports_EROFS()
    {
        var s = new Sandbox();
        var layer = s.Fs.CommitLayer();
        var readOnly = Simulator.FileSystem.UnionFileSystem.CreateReadOnly(Simulator.FileSystem.LayerStack.Empty.Push(layer));
        var ns = new Simulator.Processes.ProcessNamespace(readOnly, s.Programs, s.Time);
        var err = new MemoryStream();
        var code = await ns.RunAsync(Sandbox.Spec("sh", "-c", "echo x > /x; touch /y"), stderr: err, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("sh: can't create /x: Read-only file system\ntouch: /y: Read-only file system\n", System.Text.Encoding.UTF8.GetString(err.ToArray()));
        Assert.Equal(1, code);
    }

    [Fact]
    public async Task Pipeline_stages_run_concurrently_and_a_closed_reader_ends_the_writer()
    {
        var r = await new Sandbox().Sh("yes | head -n 3");
        Assert.Equal("y\ny\ny\n", r.Out);
        Assert.Equal(0, r.Code);
        var builtinLoop = await new Sandbox().Sh("while true; do echo loop; done | head -n 2");
        Assert.Equal("loop\nloop\n", builtinLoop.Out);
        Assert.Equal(0, builtinLoop.Code);
    }
}
