namespace Simulator.Cli.Templates;

/// <summary>
/// A Go <c>text/template</c> as the docker CLI uses it for <c>--format</c> and <c>inspect -f</c>: actions, pipelines,
/// variables, <c>if</c>/<c>else</c>/<c>range</c>/<c>with</c>, Go's builtins and the docker CLI's functions
/// (<c>json</c>, <c>join</c>, <c>split</c>, <c>upper</c>, <c>lower</c>, <c>title</c>, <c>table</c>, <c>truncate</c>, <c>pad</c>, <c>println</c>),
/// with Go's error texts (docker/cli <c>templates/templates.go</c>).
/// </summary>
/// <remarks>
/// Data: <see langword="null"/>, strings, numbers, booleans, <see cref="System.Text.Json.JsonElement"/> and
/// <see cref="System.Text.Json.Nodes.JsonNode"/> (the inspect JSON), <c>IReadOnlyDictionary&lt;string, T&gt;</c>, lists, and any object
/// whose public properties and parameterless methods are looked up by exact name (docker/cli's formatter contexts).
/// Immutable and thread-safe once parsed.
/// </remarks>
public sealed class GoTemplate
{
    private GoTemplate()
    {
    }

    /// <summary>Parses a template.</summary>
    /// <param name="text">The template text.</param>
    /// <returns>The parsed template.</returns>
    /// <exception cref="GoTemplateException">The text does not parse; the message is Go's (<c>template: :1: unexpected "}" in operand</c>).</exception>
    public static GoTemplate Parse(string text) => throw new NotImplementedException("GoTemplate: being built ([H])");

    /// <summary>Executes the template on <paramref name="data"/>.</summary>
    /// <param name="data">The value <c>.</c> starts as.</param>
    /// <returns>The output.</returns>
    /// <exception cref="GoTemplateException">Execution fails; the message is Go's (<c>template: :1:2: executing "" at &lt;.Foo&gt;: can't evaluate field Foo in type ...</c>).</exception>
    public string Execute(object? data) => throw new NotImplementedException("GoTemplate: being built ([H])");
}

/// <summary>A template failed to parse or execute; <see cref="Exception.Message"/> is Go's text.</summary>
public sealed class GoTemplateException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Go's error text.</param>
    public GoTemplateException(string message)
        : base(message)
    {
    }
}
