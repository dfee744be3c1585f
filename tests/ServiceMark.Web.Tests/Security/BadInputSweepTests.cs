using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json;
using ServiceMark.Tests.Infrastructure;

namespace ServiceMark.Web.Tests.Security;

/// <summary>
/// The outside probe, in CI: every operation of /openapi/v1.json, called by a user allowed to call it, with wrong types,
/// missing fields, huge and negative numbers, impossible dates, 1 MB strings, NUL and emoji, malformed JSON, wrong content
/// types and impossible path ids. No answer is a 5xx, and a refused write (4xx) leaves the database as it was.
/// All failures are collected, so one run shows every one.
/// </summary>
public sealed class BadInputSweepTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly string Megabyte = new('字', 1024 * 1024 / 3);

    /// <summary>Bad values for one field, by its JSON type; a few variants each rather than a full product.</summary>
    private static readonly Dictionary<string, string[]> BadValues = new()
    {
        ["integer"] = ["\"abc\"", "1.5", "-1", "0", "2147483648", "-99999999999999999999", "1e308", "true"],
        ["number"] = ["\"abc\"", "-1", "1e308", "-1e308", "99999999999999999999999999999999", "0.000000000000000000000000000001", "[]"],
        ["string"] = ["\"\"", "\"\\u0000nul\"", "\"😀🚌\"", "123", "{}", "MEGABYTE"],
        ["date"] = ["\"2026-13-45\"", "\"0001-01-01\"", "\"9999-12-31\"", "\"yesterday\"", "20260101"],
        ["date-time"] = ["\"2026-13-45T25:61:00Z\"", "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59Z\"", "\"9999-12-31T23:59:59-14:00\"", "\"now\""],
        ["boolean"] = ["\"yes\"", "2"],
        ["array"] = ["\"x\"", "[null]", "{}", "[[[]]]"],
        ["object"] = ["\"x\"", "[]", "{\"x\":\"y\"}"],
        ["enum"] = ["\"NoSuchValue\"", "7", "\"\\u0000\""],
    };

    /// <summary>No NUL in a path: the test host cannot send one (Kestrel refuses it with a 400 before the app); %01 instead.</summary>
    private static readonly string[] BadIds = ["0", "-1", "2147483647", "99999999999999999999", "abc", "%01", "%F0%9F%98%80", new string('9', 5000)];

    private static readonly string[] BadQueryValues =
        ["abc", "-1", "0", "2147483648", "99999999999999999999", "2026-13-45", "0001-01-01", "9999-12-31", "%00", "%F0%9F%98%80", new string('x', 10_000)];

    [Fact]
    public async Task No_bad_input_gets_a_5xx_and_no_refused_write_changes_anything()
    {
        var watch = Stopwatch.StartNew();
        var document = await ApiDocument.LoadAsync(app);
        await new TicketDriver(app).CreateAsync(); // ticket 1, so the ticket paths reach their handlers' checks
        var fingerprint = new DatabaseFingerprint(app);
        var before = await fingerprint.TakeAsync();
        var failures = new List<string>();
        var requests = 0;
        var acceptedWrites = 0;
        var operations = document.Operations.Append(Culture).ToList();
        foreach (var operation in operations)
        {
            var caller = operation == Culture ? null : AuthorizationMatrixTests.UserAllowedToCall(operation.Key);
            using var client = app.ClientFor(caller);
            foreach (var probe in Probes(document, operation))
            {
                requests++;
                using var request = probe.Request();
                using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
                var status = (int)response.StatusCode;
                if (status >= 500)
                {
                    var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                    var line = $"{operation.Key} [{probe.Description}] → {status}: {Cut(body, 600)}\n    request: {request.Method} {Cut(request.RequestUri!.ToString(), 200)} {Cut(probe.BodyText, 300)}";
                    failures.Add(line);
                }

                if (caller is not null && operation.Path.EndsWith("/auth/logout", StringComparison.Ordinal))
                {
                    app.ForgetToken(caller); // signing out ended that token: the next operation signs in again
                }

                if (operation.Method != "GET")
                {
                    var after = await fingerprint.TakeAsync();
                    if (status is >= 400 and < 500 && DatabaseFingerprint.Differences(before, after) is { Count: > 0 } changed)
                    {
                        failures.Add($"{operation.Key} [{probe.Description}] was refused ({status}) but changed {string.Join("; ", changed)}\n    request: {Cut(probe.BodyText, 300)}");
                    }

                    acceptedWrites += status is >= 200 and < 300 && DatabaseFingerprint.Differences(before, after).Count > 0 ? 1 : 0;
                    before = after;
                }
            }
        }

        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"{operations.Count} operations, {requests} requests ({acceptedWrites} accepted writes changed the database), {watch.Elapsed.TotalSeconds:F0} s; " +
            $"{failures.Count} failures.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} requests failed:\n" + string.Join("\n", failures));
        Assert.True(acceptedWrites > 0, "No accepted write moved the fingerprint: it sees nothing, so its 'unchanged' proves nothing.");
    }

    /// <summary>The language switch is a page route, not in the API document, but takes a return address from the query string.</summary>
    private static readonly ApiOperation Culture = new("GET", "/culture/{culture}", [new ApiParameter("culture", "path", "string", null, true), new ApiParameter("returnUrl", "query", "string", null, false)], null);

    private static IEnumerable<Probe> Probes(ApiDocument document, ApiOperation operation)
    {
        var method = new HttpMethod(operation.Method);
        var pathValues = operation.Parameters.Where(p => p.In == "path").ToDictionary(p => p.Name, p => GoodPathValue(p.Name));
        var goodQuery = string.Join("&", operation.Parameters.Where(p => p.In == "query" && p.Required).Select(p => $"{p.Name}={GoodQueryValue(p)}"));
        var path = ApiDocument.Fill(operation.Path, pathValues) + (goodQuery.Length > 0 ? "?" + goodQuery : "");
        var goodBody = operation.BodySchema is { } schema ? document.Sample(schema)!.AsObject() : null;
        var goodBodyText = goodBody?.ToJsonString();

        foreach (var parameter in operation.Parameters.Where(p => p.In == "path"))
        {
            foreach (var bad in BadIds)
            {
                var badPath = ApiDocument.Fill(operation.Path, new Dictionary<string, string>(pathValues) { [parameter.Name] = bad });
                yield return new Probe($"path {parameter.Name}={Cut(bad, 20)}", method, badPath, goodBodyText, "application/json");
            }
        }

        foreach (var parameter in operation.Parameters.Where(p => p.In == "query"))
        {
            var values = parameter.Name == "returnUrl" ? ["/%09/evil.example", "/%0d%0aSet-Cookie:x=y", "/%0a/evil.example", "//evil.example", "/%00", .. BadQueryValues] : BadQueryValues;
            foreach (var bad in values)
            {
                var others = operation.Parameters.Where(p => p.In == "query" && p.Required && p.Name != parameter.Name).Select(p => $"&{p.Name}={GoodQueryValue(p)}");
                yield return new Probe($"query {parameter.Name}={Cut(bad, 20)}", method, ApiDocument.Fill(operation.Path, pathValues) + $"?{parameter.Name}={bad}{string.Concat(others)}", null, null);
            }
        }

        if (operation.Method == "GET")
        {
            yield break;
        }

        if (goodBody is null)
        {
            // Uploads and bodiless actions: a broken multipart body (boundary that does not match, cut off) and stray JSON.
            yield return new Probe("multipart cut off", method, path, "--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xlsx\"\r\n\r\nPK", "multipart/form-data; boundary=abc");
            yield return new Probe("multipart wrong boundary", method, path, "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xlsx\"\r\n\r\nPK\r\n--xyz--\r\n", "multipart/form-data; boundary=abc");
            yield return new Probe("multipart without boundary", method, path, "PK", "multipart/form-data");
            yield return new Probe("json instead of a form", method, path, "{\"file\":\"x\"}", "application/json");
            yield break;
        }

        foreach (var (description, text) in new[]
                 {
                     ("body {}", "{}"), ("body empty", ""), ("body {", "{"), ("body {\"a\":", "{\"a\":"), ("body array", "[1,2]"), ("body string", "\"text\""),
                     ("body null", "null"), ("body deeply nested", new string('[', 5000) + new string(']', 5000)), ("body NUL", "\0"),
                     ("body with a duplicate key", goodBodyText![..^1] + (goodBody.Count > 0 ? "," : "") + "\"x\":1,\"x\":2}"),
                 })
        {
            yield return new Probe(description, method, path, text, "application/json");
        }

        yield return new Probe("content type text/plain", method, path, goodBodyText, "text/plain");
        yield return new Probe("content type xml", method, path, "<a/>", "application/xml");
        yield return new Probe("content type form", method, path, "a=1", "application/x-www-form-urlencoded");
        yield return new Probe("no content type", method, path, goodBodyText, null);
        yield return new Probe("content type json in latin1", method, path, goodBodyText, "application/json; charset=iso-8859-1");

        foreach (var probe in FieldProbes(document, operation.BodySchema!.Value, goodBody, [], method, path, depth: 0))
        {
            yield return probe;
        }
    }

    /// <summary>Each field missing, null, and with each bad value of its type; one level into arrays of objects.</summary>
    private static IEnumerable<Probe> FieldProbes(ApiDocument document, JsonElement schema, JsonObject good, string[] at, HttpMethod method, string path, int depth)
    {
        var root = good.Root.AsObject();
        foreach (var (name, property) in document.PropertiesOf(schema))
        {
            var field = string.Join(".", at.Append(name));
            yield return new Probe($"{field} missing", method, path, With(root, at, name, null, remove: true), "application/json");
            yield return new Probe($"{field} null", method, path, With(root, at, name, "null"), "application/json");
            var type = ApiDocument.TypeOf(property);
            var format = property.TryGetProperty("format", out var f) ? f.GetString() : null;
            var kind = property.TryGetProperty("enum", out _) ? "enum" : type == "string" && format is "date" or "date-time" ? format : type;
            foreach (var bad in kind is not null && BadValues.TryGetValue(kind, out var values) ? values : [])
            {
                var text = bad == "MEGABYTE" ? JsonSerializer.Serialize(Megabyte) : bad;
                yield return new Probe($"{field}={Cut(bad, 24)}", method, path, With(root, at, name, text), "application/json");
            }

            if (depth == 0 && type == "array" && property.TryGetProperty("items", out var items) && document.PropertiesOf(items).Any())
            {
                var copy = JsonNode.Parse(root.ToJsonString())!.AsObject();
                var item = document.Sample(items)!.AsObject();
                Navigate(copy, at)[name] = new JsonArray(item);
                foreach (var probe in FieldProbes(document, items, item, [.. at, name, "0"], method, path, depth + 1))
                {
                    yield return probe;
                }
            }
        }
    }

    /// <summary>The whole body with the field at <paramref name="at"/>.<paramref name="name"/> set to raw JSON (or removed).</summary>
    private static string With(JsonObject root, string[] at, string name, string? rawJson, bool remove = false)
    {
        var copy = JsonNode.Parse(root.ToJsonString())!.AsObject();
        var target = Navigate(copy, at);
        if (remove)
        {
            target.Remove(name);
            return copy.ToJsonString();
        }

        // Raw text keeps numbers the serializer could not hold (99999999999999999999) exactly as a client would send them.
        const string Marker = "\"__raw__\"";
        target[name] = "__raw__";
        return copy.ToJsonString().Replace(Marker, rawJson, StringComparison.Ordinal);
    }

    private static JsonObject Navigate(JsonObject root, string[] at)
    {
        JsonNode node = root;
        foreach (var step in at)
        {
            node = int.TryParse(step, out var index) && node is JsonArray array ? array[index]! : node[step]!;
        }

        return node.AsObject();
    }

    private static string GoodPathValue(string name) => name switch
    {
        "action" => "accept",
        "year" => "2026",
        "token" => "no-such-survey-token-0000000000",
        "serialNumber" => "LZYTBGCK0R1000101",
        "code" => "points",
        "culture" => "en",
        _ => "1",
    };

    private static string GoodQueryValue(ApiParameter parameter) => parameter.Name == "ownerType" ? "Ticket" : "1";

    private static string Cut(string? text, int length) =>
        text is null ? "" : text.Length <= length ? text : text[..length] + $"…({text.Length} chars)";

    private sealed record Probe(string Description, HttpMethod Method, string Url, string? BodyText, string? ContentType)
    {
        public HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(Method, new Uri(Url, UriKind.Relative));
            if (BodyText is not null)
            {
                var content = new ByteArrayContent(Encoding.UTF8.GetBytes(BodyText));
                if (ContentType is not null)
                {
                    content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
                }

                request.Content = content;
            }

            return request;
        }
    }
}
