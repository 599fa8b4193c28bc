using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Simulator.Containers;
using Simulator.EngineApi.Internal;
using Simulator.Images;
using Simulator.Volumes;

namespace Simulator.Cli.Formatting;

/// <summary>
/// The Engine API's inspect documents (<see cref="ApiDocuments"/>, one builder for the API and the CLI) as JSON nodes for
/// <c>docker inspect</c> and its <c>-f</c> templates, and their indented printing.
/// </summary>
internal static class InspectJson
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        IndentSize = 4,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>json.MarshalIndent(list, "", "    ") plus a newline, as docker inspect prints without <c>-f</c>.</summary>
    public static string Array(IEnumerable<JsonNode> items)
    {
        var array = new JsonArray(items.Select(i => i.DeepClone()).ToArray());
        return array.Count == 0 ? "[]\n" : array.ToJsonString(Indented) + "\n";
    }

    /// <summary>docker container inspect's object: the Engine API's document (<see cref="ApiDocuments.Container"/>).</summary>
    public static JsonNode Container(DockerSimulator engine, Container c) => Reparse(ApiDocuments.Container(engine, c, null));

    /// <summary>docker image inspect's object: the Engine API's document (<see cref="ApiDocuments.Image"/>).</summary>
    public static JsonNode Image(ImageInspectInfo info) => Reparse(ApiDocuments.Image(info));

    /// <summary>docker volume inspect's object: the Engine API's document (<see cref="ApiDocuments.Volume"/>).</summary>
    public static JsonNode Volume(Volume v) => Reparse(ApiDocuments.Volume(v));

    /// <summary>docker network inspect's object: the Engine API's document (<see cref="ApiDocuments.Network"/>).</summary>
    public static JsonNode Network(Networking.NetworkResource n) => Reparse(ApiDocuments.Network(n));

    /// <summary>The document as the CLI decodes the daemon's answer (values read back from JSON text).</summary>
    private static JsonNode Reparse(JsonObject document) => JsonNode.Parse(document.ToJsonString())!;
}
