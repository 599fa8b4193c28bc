using System.Text;
using System.Text.Json;
using Simulator.Cli.CommandLine;
using Simulator.Cli.Templates;

namespace Simulator.Cli.Formatting;

/// <summary>A column of a default table: its header (docker/cli's header map) and how a row shows it.</summary>
internal sealed record Column<T>(string Field, string Header, Func<T, string> Value);

/// <summary>
/// docker/cli's formatter.Context (cli/command/formatter/formatter.go): <c>table</c>, <c>table TEMPLATE</c>, <c>json</c> and raw
/// Go-template formats; <c>\t</c> and <c>\n</c> written literally are replaced, the table directive's header comes from running
/// the template over the header map, and tables go through <see cref="TabWriter"/>.
/// </summary>
internal static class TableFormatter
{
    /// <summary>Writes <paramref name="rows"/> in <paramref name="format"/>.</summary>
    /// <param name="format">The <c>--format</c> value; <see langword="null"/> or empty is the default table.</param>
    /// <param name="rows">The rows (formatter contexts with Go-named properties).</param>
    /// <param name="columns">The default table's columns.</param>
    /// <param name="quiet"><c>-q</c>: only the first column's value, no header.</param>
    /// <param name="json">The <c>json</c> format of a row (the context's fields as docker/cli marshals them).</param>
    /// <param name="header">The header row object for <c>table TEMPLATE</c> (its fields give column titles).</param>
    /// <exception cref="CliError">The template does not parse or fails (<c>template parsing error: ...</c>).</exception>
    public static string Render<T>(string? format, IReadOnlyList<T> rows, IReadOnlyList<Column<T>> columns, bool quiet, Func<T, object>? json = null, object? header = null)
    {
        if (quiet && string.IsNullOrEmpty(format))
        {
            var sb = new StringBuilder();
            foreach (var r in rows)
            {
                sb.Append(columns[0].Value(r)).Append('\n');
            }

            return sb.ToString();
        }

        if (string.IsNullOrEmpty(format) || format.Trim() == "table")
        {
            var sb = new StringBuilder();
            sb.AppendJoin('\t', columns.Select(c => c.Header)).Append('\n');
            foreach (var r in rows)
            {
                sb.AppendJoin('\t', columns.Select(c => c.Value(r))).Append('\n');
            }

            return TabWriter.Format(sb.ToString());
        }

        if (format == "json")
        {
            var sb = new StringBuilder();
            foreach (var r in rows)
            {
                sb.Append(GoJsonOf(json is null ? r! : json(r))).Append('\n');
            }

            return sb.ToString();
        }

        bool table = format.StartsWith("table", StringComparison.Ordinal);
        var text = table ? format["table".Length..] : format;
        text = text.Trim(' ').Replace("\\t", "\t", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal);
        var template = Parse(text);
        var body = new StringBuilder();
        foreach (var r in rows)
        {
            body.Append(Execute(template, r)).Append('\n');
        }

        if (!table)
        {
            return body.ToString();
        }

        object headerData = header ?? columns.ToDictionary(c => c.Field, c => c.Header, StringComparer.Ordinal);
        string headerLine;
        try
        {
            headerLine = template.WithHeaderFunctions().Execute(headerData);
        }
        catch (GoTemplateException)
        {
            headerLine = "";
        }

        return TabWriter.Format(headerLine + "\n" + body);
    }

    /// <summary>Parses a template as docker/cli does, wrapping failures as <c>template parsing error: ...</c>.</summary>
    public static GoTemplate Parse(string text)
    {
        try
        {
            return GoTemplate.Parse(text);
        }
        catch (GoTemplateException ex)
        {
            throw new CliError("template parsing error: " + ex.Message);
        }
    }

    /// <summary>Executes a template, wrapping failures as <c>template parsing error: ...</c> (formatter.go contextFormat).</summary>
    public static string Execute(GoTemplate template, object? data)
    {
        try
        {
            return template.Execute(data);
        }
        catch (GoTemplateException ex)
        {
            throw new CliError("template parsing error: " + ex.Message);
        }
    }

    /// <summary>
    /// Go's json.Marshal of a value: HTML characters escaped as <c>\u003c</c>, <c>\u003e</c>, <c>\u0026</c> (lower-case hex), other
    /// non-ASCII kept as is, <c>"</c> as <c>\"</c>; a formatter context's string map with keys sorted, a null value as <c>null</c>
    /// (checked with the real 28.2.2 client's <c>docker ps --format json</c> against <c>dsim serve</c>).
    /// </summary>
    public static string GoJsonOf(object value)
    {
        if (value is not IEnumerable<KeyValuePair<string, string?>> map)
        {
            return JsonSerializer.Serialize(value, value.GetType(), GoJsonOptions);
        }

        var sb = new StringBuilder("{");
        foreach (var (k, v) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (sb.Length > 1)
            {
                sb.Append(',');
            }

            AppendHtmlEscaped(sb, k);
            sb.Append(':');
            if (v is null)
            {
                sb.Append("null");
            }
            else
            {
                AppendHtmlEscaped(sb, v);
            }
        }

        return sb.Append('}').ToString();

        static void AppendHtmlEscaped(StringBuilder sb, string s)
        {
            var quoted = new StringBuilder();
            Templates.GoJson.WriteString(quoted, s);
            sb.Append(quoted.Replace("<", "\\u003c").Replace(">", "\\u003e").Replace("&", "\\u0026"));
        }
    }

    private static readonly JsonSerializerOptions GoJsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default,
    };
}
