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

    [Theory]
    [InlineData("UploadAttachment", "Upload attachment")]
    [InlineData("CreateToken", "Create token")]
    [InlineData("GetKpiPlan", "Get kpi plan")]
    [InlineData("ListSLAPolicies", "List SLA policies")]
    public void An_endpoint_name_becomes_words(string name, string summary) => Assert.Equal(summary, ApiDocumentTransformers.Words(name));
}
