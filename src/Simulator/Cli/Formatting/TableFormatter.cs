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
    /// <param name="headers">The header map for <c>table TEMPLATE</c> (all fields); <paramref name="columns"/> when <see langword="null"/>.</param>
    /// <exception cref="CliError">The template does not parse or fails (<c>template parsing error: ...</c>).</exception>
    public static string Render<T>(string? format, IReadOnlyList<T> rows, IReadOnlyList<Column<T>> columns, bool quiet, Func<T, object>? json = null, IReadOnlyList<Column<T>>? headers = null)
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

        var header = (headers ?? columns).ToDictionary(c => c.Field, c => c.Header, StringComparer.Ordinal);
        string headerLine;
        try
        {
            headerLine = template.Execute(header);
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

    /// <summary>Go's json.Marshal of a value (HTML characters escaped as \u003c etc.).</summary>
    public static string GoJsonOf(object value) =>
        JsonSerializer.Serialize(value, value.GetType(), GoJsonOptions);

    private static readonly JsonSerializerOptions GoJsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default,
    };
}
