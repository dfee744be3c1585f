using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServiceMark.Tests.Infrastructure;

namespace ServiceMark.Web.Tests.Api;

/// <summary>
/// docs/api/openapi.v1.json is the document as the app serves it at /openapi/v1.json: what integrators review and generate
/// from, what CI lints (tools/openapi-lint) and what the generated-client test is built from. It fails when the two differ;
/// <c>SERVICEMARK_UPDATE_OPENAPI=1</c> rewrites the file instead.
/// </summary>
public sealed class OpenApiSnapshotTests(TestApp app) : IClassFixture<TestApp>
{
    public const string UpdateVariable = "SERVICEMARK_UPDATE_OPENAPI";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // the Chinese names stay readable in a review
    };

    public static string SnapshotPath => Path.Combine(AppProcess.RepositoryRoot(), "docs", "api", "openapi.v1.json");

    [Fact]
    public async Task The_committed_snapshot_is_the_document_the_app_serves()
    {
        using var client = app.ClientFor(null);
        var live = Normalise(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken));
        var committed = File.Exists(SnapshotPath) ? Normalise(await File.ReadAllTextAsync(SnapshotPath, TestContext.Current.CancellationToken)) : null;
        if (live == committed)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(SnapshotPath)!);
            await File.WriteAllTextAsync(SnapshotPath, live, TestContext.Current.CancellationToken);
            return;
        }

        Assert.Fail(
            $"{SnapshotPath} is not the document the app serves{(committed is null ? " (no file)" : $" (first difference at line {FirstDifference(live, committed)})")}. " +
            $"Refresh it and review the diff: {UpdateVariable}=1 dotnet test tests/ServiceMark.Web.Tests --filter \"FullyQualifiedName~OpenApiSnapshot\"");
    }

    /// <summary>The same text for the same document: indented, "\n" line ends, one final newline.</summary>
    internal static string Normalise(string json) => JsonNode.Parse(json)!.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";

    private static int FirstDifference(string a, string b)
    {
        var (left, right) = (a.Split('\n'), b.Split('\n'));
        var line = 0;
        while (line < left.Length && line < right.Length && left[line] == right[line])
        {
            line++;
        }

        return line + 1;
    }
}
