using System.Text.Json;

namespace Simulator.Cli.Templates;

/// <summary>A Go struct value rebuilt from a JSON object: fields in document order, printed <c>{v1 v2 ...}</c>.</summary>
internal sealed class GoStruct(IReadOnlyList<KeyValuePair<string, object?>> fields)
{
    public IReadOnlyList<KeyValuePair<string, object?>> Fields { get; } = fields;

    public bool TryGet(string name, out object? value)
    {
        foreach (var (k, v) in Fields)
        {
            if (k == name)
            {
                value = v;
                return true;
            }
        }

        value = null;
        return false;
    }
}

/// <summary>A typed Go nil: slice (prints <c>[]</c>), map (prints <c>map[]</c>) or pointer (prints <c>&lt;nil&gt;</c>); all marshal <c>null</c>.</summary>
internal sealed class GoNil
{
    public static readonly GoNil Slice = new(GoKind.Slice);

    public static readonly GoNil Map = new(GoKind.Map);

    public static readonly GoNil Pointer = new(GoKind.Nil);

    private GoNil(GoKind kind) => Kind = kind;

    public GoKind Kind { get; }

    public bool IsMap => Kind == GoKind.Map;
}

/// <summary>A Go map rebuilt from a JSON object (sorted keys); port-keyed maps (<c>nat.PortSet</c>, <c>nat.PortMap</c>) refuse <c>.key</c> access.</summary>
internal sealed class GoMap(Dictionary<string, object?> entries, bool fieldAccess)
{
    public Dictionary<string, object?> Entries { get; } = entries;

    public bool FieldAccess { get; } = fieldAccess;
}

/// <summary>
/// docker/cli's <c>TemplateInspector</c> (cli/command/inspect/inspector.go) over inspect JSON: the template first runs on the
/// Go API types the JSON was marshalled from (here rebuilt by field name: objects are structs unless the field is a Go map,
/// JSON nulls are nil slices <c>[]</c>, nil maps <c>map[]</c> or nil pointers <c>&lt;nil&gt;</c>), and when that fails it
/// runs again on the raw JSON (<c>map[string]interface {}</c>) with <c>missingkey=error</c>.
/// </summary>
internal static class InspectView
{
    // Go map-typed fields of docker's API types (container, image, volume, network inspect).
    private static readonly HashSet<string> MapFields = new(StringComparer.Ordinal)
    {
        "Labels", "ExposedPorts", "Volumes", "PortBindings", "Ports", "Networks", "Data", "Options", "Sysctls", "Tmpfs",
        "StorageOpt", "DriverOpts", "Annotations", "Containers", "Status", "Services", "Peers",
    };

    // Map fields keyed by nat.Port: text/template cannot use ".key" on them (the key type is not string).
    private static readonly HashSet<string> PortKeyed = new(StringComparer.Ordinal) { "ExposedPorts", "Ports", "PortBindings" };

    // Slice-typed fields: a JSON null prints as [] (nil slice).
    private static readonly HashSet<string> SliceFields = new(StringComparer.Ordinal)
    {
        "Args", "Cmd", "Entrypoint", "Env", "OnBuild", "Binds", "Dns", "DnsOptions", "DnsSearch", "ExtraHosts", "CapAdd", "CapDrop",
        "Mounts", "Links", "Aliases", "DNSNames", "ExecIDs", "Devices", "DeviceRequests", "DeviceCgroupRules", "SecurityOpt", "GroupAdd",
        "Shell", "Test", "RepoTags", "RepoDigests", "Layers", "VolumesFrom", "ConsoleSize", "BlkioWeightDevice", "BlkioDeviceReadBps",
        "BlkioDeviceWriteBps", "BlkioDeviceReadIOps", "BlkioDeviceWriteIOps", "Ulimits", "MaskedPaths", "ReadonlyPaths",
        "SecondaryIPAddresses", "SecondaryIPv6Addresses", "Log", "Capabilities",
    };

    /// <summary>Rebuilds the Go values docker's API types would hold for <paramref name="e"/>.</summary>
    public static object? ToGo(JsonElement e, string? field = null, string? parent = null)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                if (field is not null && IsMapField(field, parent))
                {
                    var entries = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (var p in e.EnumerateObject())
                    {
                        entries[p.Name] = ToGo(p.Value);
                    }

                    return new GoMap(entries, !PortKeyed.Contains(field));
                }

                return new GoStruct(e.EnumerateObject().Select(p => new KeyValuePair<string, object?>(p.Name, ToGo(p.Value, p.Name, field))).ToList());
            case JsonValueKind.Array:
                return e.EnumerateArray().Select(item => ToGo(item)).ToList();
            case JsonValueKind.Null:
                if (field is null)
                {
                    return null;
                }

                return IsMapField(field, parent) ? GoNil.Map : SliceFields.Contains(field) ? GoNil.Slice : GoNil.Pointer;
            case JsonValueKind.Number:
                {
                    var raw = e.GetRawText();
                    if (raw.AsSpan().IndexOfAny(".eE") < 0 && e.TryGetInt64(out var l))
                    {
                        return l;
                    }

                    return e.GetDouble();
                }

            default:
                return Values.Normalize(e);
        }
    }

    private static bool IsMapField(string field, string? parent) =>
        MapFields.Contains(field) || (field == "Config" && parent == "LogConfig") || (field == "Options" && parent is "IPAM" or "Driver");
}
