using System.Text.Json;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Infrastructure.Api;

namespace ServiceMark.Web.Tests.Api;

/// <summary>Issue 12 point 11 (part): what a generated client needs from /openapi/v1.json.</summary>
public sealed class OpenApiDocumentTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly string[] Methods = ["get", "post", "put", "delete", "patch"];

    [Fact]
    public async Task Every_operation_has_a_summary_its_error_answers_as_problem_details_and_the_bearer_requirement_unless_anonymous()
    {
        using var client = app.ClientFor(null);
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var root = document.RootElement;

        var scheme = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));
        Assert.True(root.GetProperty("components").GetProperty("schemas").TryGetProperty("ProblemDetails", out _));

        var operations = root.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)).Select(o => (Key: $"{o.Name.ToUpperInvariant()} {p.Name}", Path: p.Name, o.Name, Operation: o.Value)))
            .ToList();
        Assert.True(operations.Count > 100, $"{operations.Count} operations");
        var problems = new List<string>();
        foreach (var (key, path, method, operation) in operations)
        {
            if (!operation.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString()))
            {
                problems.Add($"{key}: no summary");
            }

            var anonymous = path.StartsWith("/api/v1/public/", StringComparison.Ordinal) || key == "POST /api/v1/auth/token";
            var secured = operation.TryGetProperty("security", out var security) && security.EnumerateArray().Any(r => r.TryGetProperty("Bearer", out _));
            if (secured == anonymous)
            {
                problems.Add($"{key}: {(anonymous ? "anonymous but asks for a token" : "no bearer requirement")}");
            }

            if (anonymous && !(security.ValueKind == JsonValueKind.Array && security.EnumerateArray().All(r => !r.EnumerateObject().Any())))
            {
                problems.Add($"{key}: anonymous without the empty requirement ({{}}) that says so");
            }

            var responses = operation.GetProperty("responses");
            var expected = new List<string> { "400" };
            if (!anonymous)
            {
                expected.AddRange(["401", "403"]);
            }

            if (path.Contains('{', StringComparison.Ordinal))
            {
                expected.Add("404");
            }

            if (method != "get")
            {
                expected.Add("409");
            }

            foreach (var status in expected)
            {
                if (!responses.TryGetProperty(status, out var response) || !response.TryGetProperty("content", out var content) ||
                    !content.TryGetProperty("application/problem+json", out var problem) ||
                    problem.GetProperty("schema").GetProperty("$ref").GetString() != "#/components/schemas/ProblemDetails")
                {
                    problems.Add($"{key}: no {status} problem details");
                }
            }
        }

        var described = root.GetProperty("tags").EnumerateArray()
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.TryGetProperty("description", out var d) ? d.GetString() : null);
        foreach (var (key, _, _, operation) in operations)
        {
            foreach (var tag in operation.TryGetProperty("tags", out var tags) ? tags.EnumerateArray().Select(t => t.GetString()!) : [])
            {
                if (string.IsNullOrWhiteSpace(described.GetValueOrDefault(tag)))
                {
                    problems.Add($"{key}: tag '{tag}' has no description");
                }
            }
        }

        Assert.Empty(problems);
    }

    /// <summary>
    /// A generated client gets a typed result only where the document names the body: every operation declares a success
    /// answer; a 204 has no body; any other success has one, each media type with a schema — a JSON body a named or typed
    /// schema (an empty one would come out as an untyped object), a file (an Excel workbook, a photo) a binary string.
    /// </summary>
    [Fact]
    public async Task Every_success_answer_declares_its_body_by_schema_and_content_type()
    {
        using var client = app.ClientFor(null);
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var root = document.RootElement;
        var schemas = root.GetProperty("components").GetProperty("schemas");
        var problems = new List<string>();
        var operations = 0;
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                operations++;
                var key = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                var successes = operation.Value.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('2')).ToList();
                if (successes.Count == 0)
                {
                    problems.Add($"{key}: no success answer");
                }

                foreach (var success in successes)
                {
                    var content = success.Value.TryGetProperty("content", out var c) ? c.EnumerateObject().ToList() : [];
                    if (success.Name == "204")
                    {
                        if (content.Count > 0)
                        {
                            problems.Add($"{key}: 204 with a body");
                        }

                        continue;
                    }

                    if (content.Count == 0)
                    {
                        problems.Add($"{key}: {success.Name} without a declared body (.Produces<T>, a typed result, or 204)");
                    }

                    foreach (var media in content)
                    {
                        var schema = media.Value.TryGetProperty("schema", out var s) ? Resolve(schemas, s) : (JsonElement?)null;
                        var json = media.Name == "application/json" || media.Name.EndsWith("+json", StringComparison.Ordinal);
                        var binary = schema is { } b && b.TryGetProperty("format", out var format) && format.GetString() == "binary";
                        var typed = schema is { } t && (t.TryGetProperty("type", out _) || t.TryGetProperty("properties", out _) ||
                                                         t.TryGetProperty("anyOf", out _) || t.TryGetProperty("oneOf", out _) || t.TryGetProperty("allOf", out _));
                        if (!typed || (!json && !binary))
                        {
                            problems.Add($"{key}: {success.Name} {media.Name} has {(schema is null ? "no schema" : typed ? "a schema that is not a file" : "an empty schema")}");
                        }
                    }
                }
            }
        }

        Assert.True(operations > 100, $"{operations} operations");
        Assert.Empty(problems);
    }

    private static JsonElement Resolve(JsonElement schemas, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference) && reference.GetString() is { } r && r.StartsWith("#/components/schemas/", StringComparison.Ordinal)
            ? schemas.GetProperty(r["#/components/schemas/".Length..])
            : schema;

    [Theory]
    [InlineData("UploadAttachment", "Upload attachment")]
    [InlineData("CreateToken", "Create token")]
    [InlineData("GetKpiPlan", "Get kpi plan")]
    [InlineData("ListSLAPolicies", "List SLA policies")]
    public void An_endpoint_name_becomes_words(string name, string summary) => Assert.Equal(summary, ApiDocumentTransformers.Words(name));
}
