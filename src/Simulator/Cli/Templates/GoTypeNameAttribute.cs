namespace Simulator.Cli.Templates;

/// <summary>
/// Names the Go type a .NET class stands for in template error texts, e.g. <c>*formatter.ContainerContext</c> in
/// <c>can't evaluate field Foo in type *formatter.ContainerContext</c> (docker/cli's formatter contexts).
/// Without it a class is named <c>*</c> plus its .NET name.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class GoTypeNameAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The Go type name, e.g. <c>*formatter.ContainerContext</c>.</param>
    public GoTypeNameAttribute(string name) => Name = name;

    /// <summary>The Go type name.</summary>
    public string Name { get; }
}
