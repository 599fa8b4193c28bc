using System.Globalization;
using System.Text;

namespace Simulator.Cli.Formatting;

/// <summary>
/// A port of Go's <c>text/tabwriter</c> as docker/cli vendors it (cli/command/formatter/tabwriter, cell widths by display
/// width as go-runewidth): tab-terminated cells aligned in columns, a column block being the run of consecutive lines that
/// have a cell in that column; the last cell of a line is not aligned. docker/cli's tables use
/// <c>new TabWriter(10, 1, 3, ' ')</c> (formatter.go: minwidth 10, tabwidth 1, padding 3). Flags are not supported.
/// </summary>
/// <remarks>Not thread-safe.</remarks>
internal sealed class TabWriter
{
    private readonly int _minWidth;
    private readonly int _padding;
    private readonly char _padChar;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _buf = new();
    private readonly List<List<Cell>> _lines = [];
    private readonly List<int> _widths = [];
    private Cell _cell;

    public TabWriter(int minWidth = 10, int tabWidth = 1, int padding = 3, char padChar = ' ')
    {
        _ = tabWidth;
        _minWidth = minWidth;
        _padding = padding;
        _padChar = padChar;
        Reset();
    }

    private struct Cell
    {
        public int Size;
        public int Width;
        public bool HTab;
    }

    /// <summary>The docker/cli table writer over text: formats <paramref name="text"/> and returns the aligned result.</summary>
    public static string Format(string text)
    {
        var w = new TabWriter();
        w.Write(text);
        return w.Flush();
    }

    public void Write(string text)
    {
        int n = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (ch is '\t' or '\v' or '\n' or '\f')
            {
                Append(text, n, i);
                n = i + 1;
                int ncells = TerminateCell(ch == '\t');
                if (ch is '\n' or '\f')
                {
                    _lines.Add([]);
                    if (ch == '\f' || ncells == 1)
                    {
                        FlushInternal();
                    }
                }
            }
        }

        Append(text, n, text.Length);
    }

    /// <summary>Formats what is pending and returns everything written so far.</summary>
    public string Flush()
    {
        FlushInternal();
        var s = _output.ToString();
        _output.Clear();
        return s;
    }

    private void FlushInternal()
    {
        if (_cell.Size > 0)
        {
            TerminateCell(false);
        }

        Format(0, 0, _lines.Count);
        Reset();
    }

    private void Reset()
    {
        _buf.Clear();
        _cell = default;
        _lines.Clear();
        _widths.Clear();
        _lines.Add([]);
    }

    private void Append(string text, int from, int to)
    {
        if (to <= from)
        {
            return;
        }

        var part = text.AsSpan(from, to - from);
        _buf.Append(part);
        _cell.Size += part.Length;
        _cell.Width += DisplayWidth(part);
    }

    private int TerminateCell(bool htab)
    {
        _cell.HTab = htab;
        var line = _lines[^1];
        line.Add(_cell);
        _cell = default;
        return line.Count;
    }

    private int Format(int pos, int line0, int line1)
    {
        int column = _widths.Count;
        for (int current = line0; current < line1; current++)
        {
            var line = _lines[current];
            if (column >= line.Count - 1)
            {
                continue;
            }

            pos = WriteLines(pos, line0, current);
            line0 = current;
            int width = _minWidth;
            for (; current < line1; current++)
            {
                line = _lines[current];
                if (column >= line.Count - 1)
                {
                    break;
                }

                var c = line[column];
                if (c.Width + _padding > width)
                {
                    width = c.Width + _padding;
                }
            }

            _widths.Add(width);
            pos = Format(pos, line0, current);
            _widths.RemoveAt(_widths.Count - 1);
            line0 = current;
        }

        return WriteLines(pos, line0, line1);
    }

    private int WriteLines(int pos, int line0, int line1)
    {
        for (int i = line0; i < line1; i++)
        {
            var line = _lines[i];
            for (int j = 0; j < line.Count; j++)
            {
                var c = line[j];
                if (c.Size > 0)
                {
                    _output.Append(_buf, pos, c.Size);
                    pos += c.Size;
                }

                if (j < _widths.Count)
                {
                    _output.Append(_padChar, _widths[j] - c.Width);
                }
            }

            if (i + 1 == _lines.Count)
            {
                _output.Append(_buf, pos, _cell.Size);
                pos += _cell.Size;
            }
            else
            {
                _output.Append('\n');
            }
        }

        return pos;
    }

    /// <summary>Display width as go-runewidth counts it (East Asian wide and fullwidth runes count 2, combining marks 0).</summary>
    public static int DisplayWidth(ReadOnlySpan<char> text)
    {
        int width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            width += RuneWidth(rune);
        }

        return width;
    }

    private static int RuneWidth(Rune r)
    {
        int v = r.Value;
        if (v < 0x20 || (v >= 0x7F && v < 0xA0))
        {
            return 0;
        }

        var cat = Rune.GetUnicodeCategory(r);
        if (cat is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
        {
            return 0;
        }

        bool wide = v is (>= 0x1100 and <= 0x115F) or (>= 0x2E80 and <= 0x303E) or (>= 0x3041 and <= 0x33FF) or (>= 0x3400 and <= 0x4DBF)
            or (>= 0x4E00 and <= 0x9FFF) or (>= 0xA000 and <= 0xA4CF) or (>= 0xAC00 and <= 0xD7A3) or (>= 0xF900 and <= 0xFAFF)
            or (>= 0xFE30 and <= 0xFE4F) or (>= 0xFF00 and <= 0xFF60) or (>= 0xFFE0 and <= 0xFFE6) or (>= 0x1F300 and <= 0x1F64F)
            or (>= 0x1F900 and <= 0x1F9FF) or (>= 0x20000 and <= 0x3FFFD);
        return wide ? 2 : 1;
    }
}
