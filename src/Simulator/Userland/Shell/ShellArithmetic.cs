using System.Globalization;

namespace Simulator.Userland.Shell;

/// <summary>Integer arithmetic for <c>$((...))</c> (a POSIX subset: + - * / % comparisons, logic, parentheses, assignment, variables).</summary>
internal sealed class ShellArithmetic(string text, Func<string, string?> get, Action<string, string> set)
{
    private int _p;

    public long Evaluate()
    {
        var v = Assign();
        Skip();
        if (_p < text.Length)
        {
            throw new ShellErrorException($"arithmetic syntax error", 2, fatal: true);
        }

        return v;
    }

    private void Skip()
    {
        while (_p < text.Length && char.IsWhiteSpace(text[_p]))
        {
            _p++;
        }
    }

    private bool Eat(string op)
    {
        Skip();
        if (string.CompareOrdinal(text, _p, op, 0, op.Length) == 0)
        {
            _p += op.Length;
            return true;
        }

        return false;
    }

    private long Assign()
    {
        Skip();
        var save = _p;
        var name = Name();
        if (name is not null)
        {
            Skip();
            foreach (var op in new[] { "+=", "-=", "*=", "/=", "%=", "=" })
            {
                if (string.CompareOrdinal(text, _p, op, 0, op.Length) == 0 && !(op == "=" && _p + 1 < text.Length && text[_p + 1] == '='))
                {
                    _p += op.Length;
                    var rhs = Assign();
                    var cur = Var(name);
                    var v = op switch
                    {
                        "+=" => cur + rhs,
                        "-=" => cur - rhs,
                        "*=" => cur * rhs,
                        "/=" => rhs == 0 ? throw DivZero() : cur / rhs,
                        "%=" => rhs == 0 ? throw DivZero() : cur % rhs,
                        _ => rhs,
                    };
                    set(name, v.ToString(CultureInfo.InvariantCulture));
                    return v;
                }
            }
        }

        _p = save;
        return Ternary();
    }

    private long Ternary()
    {
        var c = Or();
        if (Eat("?"))
        {
            var a = Assign();
            if (!Eat(":"))
            {
                throw new ShellErrorException("arithmetic syntax error", 2, fatal: true);
            }

            var b = Assign();
            return c != 0 ? a : b;
        }

        return c;
    }

    private long Or()
    {
        var v = And();
        while (Eat("||"))
        {
            var r = And();
            v = (v != 0 || r != 0) ? 1 : 0;
        }

        return v;
    }

    private long And()
    {
        var v = Cmp();
        while (Eat("&&"))
        {
            var r = Cmp();
            v = (v != 0 && r != 0) ? 1 : 0;
        }

        return v;
    }

    private long Cmp()
    {
        var v = Add();
        while (true)
        {
            if (Eat("==")) { v = v == Add() ? 1 : 0; }
            else if (Eat("!=")) { v = v != Add() ? 1 : 0; }
            else if (Eat("<=")) { v = v <= Add() ? 1 : 0; }
            else if (Eat(">=")) { v = v >= Add() ? 1 : 0; }
            else if (Eat("<")) { v = v < Add() ? 1 : 0; }
            else if (Eat(">")) { v = v > Add() ? 1 : 0; }
            else { return v; }
        }
    }

    private long Add()
    {
        var v = Mul();
        while (true)
        {
            if (Eat("+")) { v += Mul(); }
            else if (Eat("-")) { v -= Mul(); }
            else { return v; }
        }
    }

    private long Mul()
    {
        var v = Unary();
        while (true)
        {
            if (Eat("*")) { v *= Unary(); }
            else if (Eat("/")) { var r = Unary(); v = r == 0 ? throw DivZero() : v / r; }
            else if (Eat("%")) { var r = Unary(); v = r == 0 ? throw DivZero() : v % r; }
            else { return v; }
        }
    }

    private long Unary()
    {
        if (Eat("-")) { return -Unary(); }
        if (Eat("+")) { return Unary(); }
        if (Eat("!")) { return Unary() == 0 ? 1 : 0; }
        if (Eat("(")) { var v = Assign(); if (!Eat(")")) { throw new ShellErrorException("arithmetic syntax error", 2, fatal: true); } return v; }
        Skip();
        var start = _p;
        while (_p < text.Length && char.IsAsciiLetterOrDigit(text[_p]))
        {
            _p++;
        }

        var tok = text[start.._p];
        if (tok.Length == 0)
        {
            throw new ShellErrorException("arithmetic syntax error", 2, fatal: true);
        }

        if (char.IsAsciiDigit(tok[0]))
        {
            return ParseNumber(tok);
        }

        _p = start;
        return Var(Name()!);
    }

    private string? Name()
    {
        Skip();
        var start = _p;
        if (_p < text.Length && (char.IsAsciiLetter(text[_p]) || text[_p] == '_'))
        {
            while (_p < text.Length && (char.IsAsciiLetterOrDigit(text[_p]) || text[_p] == '_'))
            {
                _p++;
            }

            return text[start.._p];
        }

        return null;
    }

    private long Var(string name)
    {
        var s = get(name);
        if (string.IsNullOrWhiteSpace(s))
        {
            return 0;
        }

        return ParseNumber(s.Trim());
    }

    private static long ParseNumber(string tok)
    {
        try
        {
            if (tok.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                return long.Parse(tok.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }

            if (tok.Length > 1 && tok[0] == '0')
            {
                return Convert.ToInt64(tok, 8);
            }

            return long.Parse(tok, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw new ShellErrorException("arithmetic syntax error", 2, fatal: true);
        }
    }

    private static ShellErrorException DivZero() => new("divide by zero", 2, fatal: true);
}
