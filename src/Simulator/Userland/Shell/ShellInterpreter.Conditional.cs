using System.Text.RegularExpressions;

namespace Simulator.Userland.Shell;

/// <content><c>[[ ... ]]</c>, as busybox ash's bash compatibility evaluates it.</content>
internal sealed partial class ShellInterpreter
{
    private static readonly HashSet<string> ConditionalBinary = ["==", "=", "!=", "=~", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef"];

    private async Task<int> EvaluateConditionalAsync(ConditionalNode node)
    {
        if (XTrace)
        {
            await WriteFd(2, "+ [[ " + string.Join(' ', node.Tokens.Select(t => t.Raw)) + " ]]\n").ConfigureAwait(false);
        }

        var applet = new AppletContext
        {
            Args = ["[["],
            Stdin = Stream.Null,
            Stdout = Stream.Null,
            Stderr = Stream.Null,
            Fs = Fs,
            Cwd = Cwd,
            Env = [],
            Time = Ctx.TimeProvider,
            User = Ctx.User,
        };
        var tests = new TestEvaluator(applet, []);
        var pos = 0;
        var tokens = node.Tokens;
        bool IsOp(int i, string op) => i < tokens.Count && tokens[i].Parts.Count == 0 && tokens[i].Raw == op;
        bool IsWordText(int i, string text) => i < tokens.Count && tokens[i].Parts.Count > 0 && tokens[i].IsPlain && tokens[i].Raw == text;

        async Task<bool> Or()
        {
            var v = await And().ConfigureAwait(false);
            while (IsOp(pos, "||"))
            {
                pos++;
                var r = await And().ConfigureAwait(false);
                v = v || r;
            }

            return v;
        }

        async Task<bool> And()
        {
            var v = await Not().ConfigureAwait(false);
            while (IsOp(pos, "&&"))
            {
                pos++;
                var r = await Not().ConfigureAwait(false);
                v = v && r;
            }

            return v;
        }

        async Task<bool> Not()
        {
            if (IsWordText(pos, "!"))
            {
                pos++;
                return !await Not().ConfigureAwait(false);
            }

            return await Primary().ConfigureAwait(false);
        }

        async Task<bool> Primary()
        {
            if (pos >= tokens.Count)
            {
                throw new ShellErrorException("syntax error: unexpected \"]]\"", 2, fatal: false);
            }

            if (IsOp(pos, "("))
            {
                pos++;
                var v = await Or().ConfigureAwait(false);
                if (!IsOp(pos, ")"))
                {
                    throw new ShellErrorException("syntax error: missing \")\"", 2, fatal: false);
                }

                pos++;
                return v;
            }

            var first = tokens[pos];
            if (pos + 2 < tokens.Count)
            {
                var opToken = tokens[pos + 1];
                var op = opToken.Raw;
                if (ConditionalBinary.Contains(op) && (opToken.Parts.Count == 0 || opToken.IsPlain))
                {
                    var left = await Expander.ExpandStringAsync(first).ConfigureAwait(false);
                    var rightWord = tokens[pos + 2];
                    pos += 3;
                    switch (op)
                    {
                        case "==" or "=" or "!=":
                            {
                                var pattern = await Expander.ExpandPatternAsync(rightWord).ConfigureAwait(false);
                                var match = pattern.Matches(left);
                                return op == "!=" ? !match : match;
                            }

                        case "=~":
                            {
                                var right = await Expander.ExpandStringAsync(rightWord).ConfigureAwait(false);
                                try
                                {
                                    return Regex.IsMatch(left, right, RegexOptions.CultureInvariant);
                                }
                                catch (ArgumentException)
                                {
                                    return false;
                                }
                            }

                        default:
                            {
                                var right = await Expander.ExpandStringAsync(rightWord).ConfigureAwait(false);
                                try
                                {
                                    return tests.Compare(left, op, right);
                                }
                                catch (FormatException e)
                                {
                                    throw new ShellErrorException(e.Message, 2, fatal: false);
                                }
                            }
                    }
                }
            }

            var text = first.Parts.Count == 0 ? first.Raw : await Expander.ExpandStringAsync(first).ConfigureAwait(false);
            if (first.IsPlain && text.Length == 2 && text[0] == '-' && "efdsrwxLhnzbcpSgukt".Contains(text[1], StringComparison.Ordinal) && pos + 1 < tokens.Count)
            {
                var operand = await Expander.ExpandStringAsync(tokens[pos + 1]).ConfigureAwait(false);
                pos += 2;
                return tests.Unary(text[1], operand);
            }

            pos++;
            return text.Length > 0;
        }

        try
        {
            var result = await Or().ConfigureAwait(false);
            if (pos < tokens.Count)
            {
                throw new ShellErrorException($"syntax error: unexpected \"{tokens[pos].Raw}\"", 2, fatal: false);
            }

            return result ? 0 : 1;
        }
        catch (ShellErrorException e) when (!e.Fatal)
        {
            await Error(e.Message).ConfigureAwait(false);
            return 2;
        }
    }
}
