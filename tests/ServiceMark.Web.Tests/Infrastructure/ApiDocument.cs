using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServiceMark.Tests.Infrastructure;

/// <summary>One operation of the OpenAPI document: "POST /api/v1/people", its parameters and its JSON body's schema.</summary>
public sealed record ApiOperation(string Method, string Path, IReadOnlyList<ApiParameter> Parameters, JsonElement? BodySchema)
{
    public string Key => $"{Method} {Path}";

    public override string ToString() => Key;
}

/// <summary>A path or query parameter; <see cref="Type"/> is the first non-null JSON type ("integer", "string", ...).</summary>
public sealed record ApiParameter(string Name, string In, string? Type, string? Format, bool Required);

/// <summary>
/// The app's own /openapi/v1.json, walked once per test class: the sweeps and the authorization matrix are driven by it,
/// so they grow with the API.
/// </summary>
public sealed class ApiDocument
{
    private static readonly string[] Methods = ["get", "post", "put", "delete", "patch"];
    private readonly JsonElement schemas;

    private ApiDocument(JsonDocument document)
    {
        var root = document.RootElement;
        schemas = root.TryGetProperty("components", out var components) && components.TryGetProperty("schemas", out var s) ? s.Clone() : default;
        var operations = new List<ApiOperation>();
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                var parameters = operation.Value.TryGetProperty("parameters", out var ps)
                    ? ps.EnumerateArray().Select(p => new ApiParameter(
                        p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
                        p.TryGetProperty("schema", out var schema) ? TypeOf(schema) : null,
                        p.TryGetProperty("schema", out var f) && f.TryGetProperty("format", out var format) ? format.GetString() : null,
                        p.TryGetProperty("required", out var required) && required.GetBoolean())).ToList()
                    : [];
                JsonElement? body = operation.Value.TryGetProperty("requestBody", out var requestBody)
                    && requestBody.GetProperty("content").TryGetProperty("application/json", out var json) && json.TryGetProperty("schema", out var bodySchema)
                    ? Resolve(bodySchema.Clone())
                    : null;
                operations.Add(new ApiOperation(operation.Name.ToUpperInvariant(), path.Name.TrimEnd('/'), parameters, body));
            }
        }

        Operations = operations;
    }

    public IReadOnlyList<ApiOperation> Operations { get; }

    public static async Task<ApiDocument> LoadAsync(TestApp app)
    {
        using var client = app.ClientFor(null);
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        return new ApiDocument(document);
    }

    /// <summary>Follows a "$ref" (and a nullable "oneOf" [null, $ref]) to the schema it names.</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        for (var depth = 0; depth < 10; depth++)
        {
            if (schema.TryGetProperty("$ref", out var reference))
            {
                schema = schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
            }
            else if (schema.TryGetProperty("oneOf", out var oneOf) && oneOf.EnumerateArray().FirstOrDefault(s => TypeOf(s) != "null") is { ValueKind: JsonValueKind.Object } inner)
            {
                schema = inner;
            }
            else
            {
                break;
            }
        }

        return schema;
    }

    /// <summary>The first type that is not "null": "integer", "number", "string", "boolean", "array", "object"; "enum" for a bare enum.</summary>
    public static string? TypeOf(JsonElement schema)
    {
        if (schema.TryGetProperty("type", out var type))
        {
            return type.ValueKind == JsonValueKind.Array
                ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null") ?? "null"
                : type.GetString();
        }

        return schema.TryGetProperty("enum", out _) ? "enum" : schema.TryGetProperty("properties", out _) ? "object" : null;
    }

    /// <summary>The properties of an object schema, resolved.</summary>
    public IEnumerable<(string Name, JsonElement Schema)> PropertiesOf(JsonElement schema) =>
        Resolve(schema).TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(p => (p.Name, Resolve(p.Value)))
            : [];

    /// <summary>A plausible value for the schema: the shape is right, the content is whatever a reader would guess.</summary>
    public JsonNode? Sample(JsonElement schema, int depth = 0)
    {
        schema = Resolve(schema);
        if (schema.TryGetProperty("enum", out var values))
        {
            return JsonValue.Create(values.EnumerateArray().First().GetString());
        }

        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        return TypeOf(schema) switch
        {
            "integer" => JsonValue.Create(1),
            "number" => JsonValue.Create(1),
            "boolean" => JsonValue.Create(true),
            "string" when format == "date" => JsonValue.Create("2026-03-02"),
            "string" when format == "date-time" => JsonValue.Create("2026-03-02T08:00:00Z"),
            "string" => JsonValue.Create("样本"),
            "array" when depth < 3 && schema.TryGetProperty("items", out var items) => new JsonArray(Sample(items, depth + 1)),
            "array" => new JsonArray(),
            "object" when depth < 3 => SampleObject(schema, depth),
            _ => null,
        };
    }

    private JsonObject SampleObject(JsonElement schema, int depth)
    {
        var sample = new JsonObject();
        foreach (var (name, property) in PropertiesOf(schema))
        {
            sample[name] = Sample(property, depth + 1);
        }

        return sample;
    }

    /// <summary>The path with each {parameter} replaced by the value given for it.</summary>
    public static string Fill(string path, IReadOnlyDictionary<string, string> values)
    {
        foreach (var (name, value) in values)
        {
            path = path.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return path;
    }

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
