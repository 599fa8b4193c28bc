namespace Simulator.Internal;

/// <summary>
/// The syntax error Go's <c>encoding/json</c> reports for malformed input (its scanner's
/// <c>SyntaxError</c> texts, encoding/json/scanner.go), so malformed configs and manifests fail with
/// the words Docker prints rather than .NET's.
/// </summary>
internal static class GoJsonSyntax
{
    /// <summary>Go's message for the first syntax error in <paramref name="json"/>, or <see langword="null"/> when it is well-formed.</summary>
    public static string? Error(ReadOnlySpan<byte> json)
    {
        var scanner = new Scanner(json.ToArray());
        try
        {
            scanner.Value("looking for beginning of value");
            scanner.SkipSpace();
            if (!scanner.AtEnd)
            {
                return Invalid(scanner.Current, "after top-level value");
            }

            return null;
        }
        catch (SyntaxException e)
        {
            return e.Message;
        }
    }

    private static string Invalid(byte c, string context) => $"invalid character {QuoteChar(c)} {context}";

    // encoding/json quoteChar: '\'' and '"' special-cased, otherwise strconv.Quote with single quotes.
    private static string QuoteChar(byte c) => c switch
    {
        (byte)'\'' => @"'\''",
        (byte)'"' => "'\"'",
        (byte)'\n' => @"'\n'",
        (byte)'\r' => @"'\r'",
        (byte)'\t' => @"'\t'",
        (byte)'\\' => @"'\\'",
        < 0x20 or 0x7f => $"'\\x{c:x2}'",
        >= 0x80 => @"'\ufffd'",
        _ => "'" + (char)c + "'",
    };

    private sealed class SyntaxException(string message) : Exception(message);

    private sealed class Scanner(byte[] input)
    {
        private int _pos;

        public bool AtEnd => _pos >= input.Length;

        public byte Current => input[_pos];

        public void SkipSpace()
        {
            while (!AtEnd && Current is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
            {
                _pos++;
            }
        }

        public void Value(string context)
        {
            SkipSpace();
            byte c = Next();
            switch (c)
            {
                case (byte)'{':
                    Object();
                    break;
                case (byte)'[':
                    Array();
                    break;
                case (byte)'"':
                    String();
                    break;
                case (byte)'-':
                case >= (byte)'0' and <= (byte)'9':
                    Number(c);
                    break;
                case (byte)'t':
                    Literal("true");
                    break;
                case (byte)'f':
                    Literal("false");
                    break;
                case (byte)'n':
                    Literal("null");
                    break;
                default:
                    throw new SyntaxException(Invalid(c, context));
            }
        }

        private byte Next() => AtEnd ? throw new SyntaxException("unexpected end of JSON input") : input[_pos++];

        private byte Peek() => AtEnd ? throw new SyntaxException("unexpected end of JSON input") : input[_pos];

        private void Object()
        {
            SkipSpace();
            if (Peek() == (byte)'}')
            {
                _pos++;
                return;
            }

            while (true)
            {
                SkipSpace();
                byte c = Next();
                if (c != (byte)'"')
                {
                    throw new SyntaxException(Invalid(c, "looking for beginning of object key string"));
                }

                String();
                SkipSpace();
                c = Next();
                if (c != (byte)':')
                {
                    throw new SyntaxException(Invalid(c, "after object key"));
                }

                Value("looking for beginning of value");
                SkipSpace();
                c = Next();
                if (c == (byte)'}')
                {
                    return;
                }

                if (c != (byte)',')
                {
                    throw new SyntaxException(Invalid(c, "after object key:value pair"));
                }
            }
        }

        private void Array()
        {
            SkipSpace();
            if (Peek() == (byte)']')
            {
                _pos++;
                return;
            }

            while (true)
            {
                Value("looking for beginning of value");
                SkipSpace();
                byte c = Next();
                if (c == (byte)']')
                {
                    return;
                }

                if (c != (byte)',')
                {
                    throw new SyntaxException(Invalid(c, "after array element"));
                }
            }
        }

        private void String()
        {
            while (true)
            {
                byte c = Next();
                if (c == (byte)'"')
                {
                    return;
                }

                if (c < 0x20)
                {
                    throw new SyntaxException(Invalid(c, "in string literal"));
                }

                if (c != (byte)'\\')
                {
                    continue;
                }

                c = Next();
                if (c == (byte)'u')
                {
                    for (int i = 0; i < 4; i++)
                    {
                        byte h = Next();
                        if (!char.IsAsciiHexDigit((char)h))
                        {
                            throw new SyntaxException(Invalid(h, "in \\u hexadecimal character escape"));
                        }
                    }
                }
                else if (c is not ((byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t'))
                {
                    throw new SyntaxException(Invalid(c, "in string escape code"));
                }
            }
        }

        private void Number(byte first)
        {
            if (first == (byte)'-')
            {
                byte d = Next();
                if (d is < (byte)'0' or > (byte)'9')
                {
                    throw new SyntaxException(Invalid(d, "in numeric literal"));
                }

                first = d;
            }

            if (first != (byte)'0')
            {
                Digits();
            }

            if (!AtEnd && Current == (byte)'.')
            {
                _pos++;
                byte d = Next();
                if (d is < (byte)'0' or > (byte)'9')
                {
                    throw new SyntaxException(Invalid(d, "after decimal point in numeric literal"));
                }

                Digits();
            }

            if (!AtEnd && Current is (byte)'e' or (byte)'E')
            {
                _pos++;
                byte d = Next();
                if (d is (byte)'+' or (byte)'-')
                {
                    d = Next();
                }

                if (d is < (byte)'0' or > (byte)'9')
                {
                    throw new SyntaxException(Invalid(d, "in exponent of numeric literal"));
                }

                Digits();
            }
        }

        private void Digits()
        {
            while (!AtEnd && Current is >= (byte)'0' and <= (byte)'9')
            {
                _pos++;
            }
        }

        private void Literal(string word)
        {
            for (int i = 1; i < word.Length; i++)
            {
                byte c = Next();
                if (c != (byte)word[i])
                {
                    throw new SyntaxException(Invalid(c, $"in literal {word} (expecting {QuoteChar((byte)word[i])})"));
                }
            }
        }
    }
}
