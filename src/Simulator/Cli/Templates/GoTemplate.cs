using System.Text.Json;
using System.Text.Json.Nodes;

namespace Simulator.Cli.Templates;

/// <summary>
/// A Go <c>text/template</c> as the docker CLI uses it for <c>--format</c> and <c>inspect -f</c>: actions, trim markers, comments,
/// pipelines, variables, <c>if</c>/<c>else if</c>/<c>range</c> (with <c>break</c>/<c>continue</c>)/<c>with</c>/<c>else with</c>,
/// <c>define</c>/<c>template</c>/<c>block</c>, Go's builtins (<c>and or not len index slice print printf println eq ne lt le gt ge
/// call html js urlquery</c>) and the docker CLI's functions (<c>json split join title lower upper pad truncate</c>),
/// with Go's error texts (Go's text/template exec.go, funcs.go, parse/lex.go, parse/parse.go; docker/cli templates/templates.go).
/// </summary>
/// <remarks>
/// <para>
/// Data: <see langword="null"/>, strings, numbers, booleans, <see cref="System.Text.Json.JsonElement"/> and
/// <see cref="System.Text.Json.Nodes.JsonNode"/> (the inspect JSON: objects act as Go <c>map[string]interface {}</c>, so
/// <c>.Config.Cmd</c> and <c>.Labels.foo</c> work and print as <c>[a b]</c> and <c>map[k:v]</c>; <c>json</c> keeps their key order, as
/// the Go structs they stand for do), dictionaries (<c>IDictionary</c> and <c>IReadOnlyDictionary&lt;TKey, TValue&gt;</c>, Go maps: sorted keys),
/// sequences (Go slices), and any other object, whose public properties, fields and methods are looked up by exact name
/// (docker/cli's formatter contexts). A method may take <see cref="string"/>, <see cref="int"/>, <see cref="long"/> or
/// <see cref="object"/> arguments; an exception it throws becomes Go's <c>error calling NAME: MESSAGE</c>.
/// </para>
/// <para>
/// The template is named <c>""</c>, as docker/cli's <c>templates.Parse</c> names it, so errors read
/// <c>template: :1:2: executing "" at &lt;.Foo&gt;: ...</c>. docker/cli's <c>template parsing error: </c> prefix and the
/// <c>table </c> format prefix are the CLI's business. Go's <c>json</c> here does not escape HTML (docker/cli calls
/// <c>SetEscapeHTML(false)</c>) and trims the encoder's trailing newline.
/// </para>
/// <para>Known differences: in <see cref="Execute"/> a JSON <c>null</c> is a nil interface (Go's raw-map view), so
/// <c>{{.Config.Entrypoint}}</c> on a null prints <c>&lt;no value&gt;</c>; <see cref="ExecuteInspect(JsonElement)"/> rebuilds docker's
/// typed view and prints <c>[]</c> as docker does. Template recursion stops at depth 1000 (Go: 100000) with Go's message;
/// complex constants (<c>1i</c>) are rejected as illegal number syntax.</para>
/// <para>Immutable and thread-safe once parsed.</para>
/// </remarks>
public sealed class GoTemplate
{
    private readonly string text;
    private readonly IReadOnlyDictionary<string, ListNode> trees;
    private readonly bool missingKeyError;
    private readonly bool header;

    private GoTemplate(string text, IReadOnlyDictionary<string, ListNode> trees, bool missingKeyError, bool header)
    {
        this.text = text;
        this.trees = trees;
        this.missingKeyError = missingKeyError;
        this.header = header;
    }

    /// <summary>The template text as parsed.</summary>
    public string Text => text;

    /// <summary>Parses a template, as docker/cli's <c>templates.Parse</c> (<c>template.New("").Funcs(basicFunctions).Parse(format)</c>).</summary>
    /// <param name="text">The template text.</param>
    /// <returns>The parsed template.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="GoTemplateException">The text does not parse; the message is Go's
    /// (<c>template: :1: unexpected "}" in operand</c>, <c>template: :1: function "foo" not defined</c>).</exception>
    public static GoTemplate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return new GoTemplate(text, Parser.Parse(string.Empty, text), false, false);
        }
        catch (TemplateAbort e)
        {
            throw new GoTemplateException(e.Message);
        }
    }

    /// <summary>Returns a copy with a Go template option set, as Go's <c>Template.Option</c>:
    /// <c>missingkey=default</c> (or <c>invalid</c>; a missing map key yields <c>&lt;no value&gt;</c>) or <c>missingkey=error</c>
    /// (execution fails with <c>map has no entry for key "K"</c>; docker/cli's <c>inspect</c> raw-JSON fallback uses it).</summary>
    /// <param name="option">The option, <c>key=value</c>.</param>
    /// <returns>A template with the option set.</returns>
    /// <exception cref="ArgumentException">The option is not recognised; the message is Go's panic text (<c>unrecognized option: x</c>).</exception>
    public GoTemplate Option(string option) => option switch
    {
        "missingkey=default" or "missingkey=invalid" => new GoTemplate(text, trees, false, header),
        "missingkey=error" => new GoTemplate(text, trees, true, header),
        "" or null => throw new ArgumentException("empty option string", nameof(option)),
        _ => throw new ArgumentException("unrecognized option: " + option, nameof(option)),
    };

    /// <summary>Returns a copy that executes with docker/cli's <c>templates.HeaderFunctions</c>: <c>json</c>, <c>split</c>,
    /// <c>join</c>, <c>title</c>, <c>lower</c>, <c>upper</c> and <c>truncate</c> return their first (string) argument unchanged,
    /// so a table header row renders the column names (docker/cli formatter's <c>postFormat</c>).</summary>
    /// <returns>A template using the header functions.</returns>
    public GoTemplate WithHeaderFunctions() => new(text, trees, missingKeyError, true);

    /// <summary>Executes the template on <paramref name="data"/>.</summary>
    /// <param name="data">The value <c>.</c> starts as.</param>
    /// <returns>The output.</returns>
    /// <exception cref="GoTemplateException">Execution fails; the message is Go's
    /// (<c>template: :1:2: executing "" at &lt;.Foo&gt;: can't evaluate field Foo in type ...</c>).</exception>
    public string Execute(object? data) => ExecuteTemplate(string.Empty, data);

    /// <summary>
    /// Executes the template on one <c>docker inspect</c> element as docker/cli's <c>TemplateInspector</c> does
    /// (cli/command/inspect/inspector.go): first over the Go API types the JSON was marshalled from (objects are structs
    /// printed <c>{a b}</c> unless the field is a Go map such as <c>Labels</c>; a JSON null prints <c>[]</c> for slice fields
    /// such as <c>Config.Entrypoint</c>, <c>map[]</c> for map fields such as <c>Config.Volumes</c>, <c>&lt;nil&gt;</c> otherwise),
    /// and, if that fails, again over the raw JSON with <c>missingkey=error</c>, whose error is the one reported.
    /// </summary>
    /// <param name="element">The inspect JSON of one object (container, image, volume, network).</param>
    /// <returns>The output (without the newline docker prints after it).</returns>
    /// <exception cref="GoTemplateException">Both runs fail; the message is Go's from the raw run
    /// (<c>template: :1:2: executing "" at &lt;.Foo&gt;: map has no entry for key "Foo"</c>).</exception>
    public string ExecuteInspect(JsonElement element)
    {
        try
        {
            return Executor.Execute(text, string.Empty, trees, missingKeyError, header, InspectView.ToGo(element));
        }
        catch (TemplateAbort)
        {
            try
            {
                return Executor.Execute(text, string.Empty, trees, true, header, element);
            }
            catch (TemplateAbort e)
            {
                throw new GoTemplateException(e.Message);
            }
        }
    }

    /// <summary>As <see cref="ExecuteInspect(JsonElement)"/> for a <see cref="JsonNode"/>.</summary>
    /// <param name="element">The inspect JSON of one object; null is JSON <c>null</c>.</param>
    /// <returns>The output.</returns>
    /// <exception cref="GoTemplateException">Both runs fail; the message is Go's from the raw run.</exception>
    public string ExecuteInspect(JsonNode? element) =>
        ExecuteInspect(element is null ? JsonDocument.Parse("null").RootElement : JsonSerializer.SerializeToElement(element));

    /// <summary>Executes the template named <paramref name="name"/> (defined with <c>define</c> or <c>block</c>) on <paramref name="data"/>.</summary>
    /// <param name="name">The template name; <c>""</c> is the top-level template.</param>
    /// <param name="data">The value <c>.</c> starts as.</param>
    /// <returns>The output.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="GoTemplateException">No such template (<c>template: no template "x" associated with template ""</c>), or execution fails.</exception>
    public string ExecuteTemplate(string name, object? data)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!trees.ContainsKey(name))
        {
            throw new GoTemplateException($"template: no template {GoFmt.Quote(name)} associated with template \"\"");
        }

        try
        {
            return Executor.Execute(text, name, trees, missingKeyError, header, data);
        }
        catch (TemplateAbort e)
        {
            throw new GoTemplateException(e.Message);
        }
    }
}
