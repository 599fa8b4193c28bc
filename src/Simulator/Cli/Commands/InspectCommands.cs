using System.Text;
using System.Text.Json.Nodes;
using Simulator.Cli.CommandLine;
using Simulator.Cli.Formatting;
using Simulator.Cli.Templates;

namespace Simulator.Cli.Commands;

/// <summary><c>docker inspect</c>, <c>container inspect</c>, <c>image inspect</c> (docker/cli cli/command/inspect/inspector.go, system/inspect.go).</summary>
internal static class InspectCommands
{
    /// <summary><c>docker inspect [--type T]</c>: container, then image, then volume; <c>Error: No such object: x</c>.</summary>
    public static Task<int> InspectAsync(CliInvocation inv)
    {
        var type = inv.Flags.String("type", "")!;
        if (type.Length > 0 && type is not ("container" or "image" or "volume" or "network" or "config" or "node" or "plugin" or "secret" or "service" or "task"))
        {
            throw new CliError($"\"{type}\" is not a valid value for --type");
        }

        return WriteAsync(inv, name =>
        {
            var e = inv.Engine;
            if (type is "" or "container")
            {
                // docker/cli inspect.go inspectAll: only "not found" moves on to the next kind (an ambiguous prefix fails).
                try
                {
                    return InspectJson.Container(e, e.Containers.Inspect(name));
                }
                catch (DockerSimulatorException ex) when (ex.Kind == ErrorKind.NotFound)
                {
                }
            }

            if (type is "" or "image" && e.Images.TryGet(name, out _))
            {
                return InspectJson.Image(e.Images.Inspect(name));
            }

            if (type is "" or "volume" && e.Volumes.TryGet(name, out var v))
            {
                return InspectJson.Volume(v);
            }

            if (type is "" or "network")
            {
                try
                {
                    return InspectJson.Network(e.Containers.Networks.Inspect(name));
                }
                catch (DockerSimulatorException ex) when (ex.Kind == ErrorKind.NotFound)
                {
                }
            }

            throw new CliError(type.Length == 0 ? "Error: No such object: " + name : $"Error: No such {type}: {name}");
        });
    }

    /// <summary><c>docker container inspect</c>.</summary>
    public static Task<int> ContainerInspectAsync(CliInvocation inv) =>
        WriteAsync(inv, name => InspectJson.Container(inv.Engine, inv.Engine.Containers.Inspect(name)));

    /// <summary><c>docker image inspect</c>.</summary>
    public static Task<int> ImageInspectAsync(CliInvocation inv) =>
        WriteAsync(inv, name => InspectJson.Image(inv.Engine.Images.Inspect(name)));

    /// <summary>inspector.go Inspect: each object through the template (one line each) or the indented JSON array; errors joined, exit 1; a bad template exits 64.</summary>
    internal static Task<int> WriteAsync(CliInvocation inv, Func<string, JsonNode> get)
    {
        var format = inv.Flags.String("format");
        GoTemplate? template = null;
        if (!string.IsNullOrEmpty(format) && format != "json")
        {
            try
            {
                template = GoTemplate.Parse(format);
            }
            catch (GoTemplateException ex)
            {
                throw new CliError("template parsing error: " + ex.Message, 64);
            }
        }

        var objects = new List<JsonNode>();
        var errors = new List<string>();
        var output = new StringBuilder();
        foreach (var name in inv.Args)
        {
            try
            {
                var node = get(name);
                if (template is not null)
                {
                    try
                    {
                        output.Append(template.ExecuteInspect(node)).Append('\n');
                    }
                    catch (GoTemplateException ex)
                    {
                        throw new CliError("template parsing error: " + ex.Message);
                    }
                }
                else
                {
                    objects.Add(node);
                }
            }
            catch (CliError ex)
            {
                errors.Add(ex.Message);
            }
            catch (DockerSimulatorException ex)
            {
                errors.Add("Error response from daemon: " + ex.Message);
            }
        }

        inv.Out.Write(template is null ? InspectJson.Array(objects) : output.ToString());
        return errors.Count == 0 ? Task.FromResult(0) : throw new CliError(string.Join("\n", errors));
    }
}
