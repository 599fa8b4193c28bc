using System.IO.Abstractions;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Simulator.Registries;

/// <summary>
/// The docker CLI's client config file (<c>~/.docker/config.json</c>, docker/cli cli/config/configfile) as far as
/// credentials go: <c>{"auths": {"https://index.docker.io/v1/": {"auth": "&lt;base64 user:password&gt;"}}}</c>, written as
/// Go's <c>json.MarshalIndent(config, "", "\t")</c> (tab indent, no trailing newline). Other keys are kept.
/// </summary>
internal static class DockerConfigFile
{
    /// <summary>The key Docker Hub credentials are stored under (docker/cli internal/registry <c>IndexServer</c>).</summary>
    public const string IndexServer = "https://index.docker.io/v1/";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        IndentCharacter = '\t',
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static (string User, string Password)? Read(IFileSystem fs, string path, string key)
    {
        if (!fs.File.Exists(path))
        {
            return null;
        }

        try
        {
            var root = JsonNode.Parse(fs.File.ReadAllText(path)) as JsonObject;
            if (root?["auths"] is not JsonObject auths || auths[key] is not JsonObject entry || entry["auth"]?.GetValue<string>() is not { } auth)
            {
                return null;
            }

            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
            int colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : (decoded[..colon], decoded[(colon + 1)..]);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    public static void Store(IFileSystem fs, string path, string key, string user, string password)
    {
        var root = Load(fs, path);
        var auths = Auths(root);
        auths[key] = new JsonObject { ["auth"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)) };
        Save(fs, path, root);
    }

    public static void Erase(IFileSystem fs, string path, IEnumerable<string> keys)
    {
        if (!fs.File.Exists(path))
        {
            return;
        }

        var root = Load(fs, path);
        var auths = Auths(root);
        foreach (var key in keys)
        {
            auths.Remove(key);
        }

        Save(fs, path, root);
    }

    private static JsonObject Load(IFileSystem fs, string path)
    {
        if (!fs.File.Exists(path))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(fs.File.ReadAllText(path)) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static JsonObject Auths(JsonObject root)
    {
        if (root["auths"] is JsonObject auths)
        {
            return auths;
        }

        // "auths" comes first, as the ConfigFile struct declares it.
        var rest = root.ToList();
        root.Clear();
        auths = [];
        root["auths"] = auths;
        foreach (var (k, v) in rest)
        {
            if (k != "auths")
            {
                root[k] = v;
            }
        }

        return auths;
    }

    private static void Save(IFileSystem fs, string path, JsonObject root)
    {
        var dir = fs.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(dir))
        {
            fs.Directory.CreateDirectory(dir);
        }

        fs.File.WriteAllText(path, root.ToJsonString(Options).ReplaceLineEndings("\n"));
    }
}
