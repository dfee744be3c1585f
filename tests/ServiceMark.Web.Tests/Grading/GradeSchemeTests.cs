using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Grading;

namespace ServiceMark.Web.Tests.Grading;

/// <summary>
/// Grade schemes as configurable data (R-GRD-1, R-GRD-3..5, R-GRD-7): the four examples are seeded, HR edits a scheme's grades,
/// eligibility, examination weights and cycles with a version, every bad value is named by its field, a grade in use cannot
/// be removed, and the people on a scheme are checked against what is stored.
/// </summary>
[Trait("Rule", "R-GRD-1")]
public sealed class GradeSchemeTests(TestApp app) : IClassFixture<TestApp>
{
    private const string Url = "/api/v1/grading/schemes";

    internal static async Task<JsonObject> GetAsync(HttpClient client, string code)
    {
        var response = await client.GetAsync(new Uri($"{Url}/{code}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>The PUT body: the view's document plus its version.</summary>
    internal static JsonObject Body(JsonObject view)
    {
        var body = view["document"]!.DeepClone().AsObject();
        body["version"] = view["version"]!.GetValue<int>();
        return body;
    }

    internal static async Task<(string[] Fields, Dictionary<string, string[]> Codes)> ProblemAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var problem = await response.ReadJsonAsync();
        var codes = problem.GetProperty("errorCodes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(c => c.GetString()!).ToArray());
        return (problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray(), codes);
    }

    [Fact]
    public async Task An_empty_entry_in_a_schemes_lists_is_a_400_naming_its_place()
    {
        using var hr = app.ClientFor("hr");
        var body = Body(await GetAsync(hr, "points"));
        body["levels"]!.AsArray().Add(null);
        body["exams"] = new JsonArray((JsonNode?)null);
        var (fields, _) = await ProblemAsync(await hr.PutAsJsonAsync($"{Url}/points", body));
        Assert.Equal(["exams[0]", $"levels[{body["levels"]!.AsArray().Count - 1}]"], fields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_four_example_schemes_are_seeded_and_hr_changes_a_pass_mark_and_a_cycle_which_applications_then_use()
    {
        using var hr = app.ClientFor("hr");
        var list = await (await hr.GetAsync(new Uri(Url, UriKind.Relative))).ReadJsonAsync();
        Assert.Equal(["default", "p-levels", "technicians", "points"], list.EnumerateArray().Select(s => s.GetProperty("code").GetString()).ToArray());
        Assert.True(list[0].GetProperty("isDefault").GetBoolean());
        Assert.Contains("Intermediate", list[0].GetProperty("levelsInUse").EnumerateArray().Select(l => l.GetString()));

        var view = await GetAsync(hr, "default");
        Assert.Equal("Examined", view["kind"]!.GetValue<string>());
        var body = Body(view);
        body["exams"]![3]!["passMark"] = 75m;
        body["cycles"]![0]!["phaseMonth"] = 9;
        body["cycles"]![0]!["windowDays"] = 20;
        var saved = await hr.PutAsJsonAsync($"{Url}/default", body);
        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var after = await saved.ReadJsonAsync();
        Assert.Equal(view["version"]!.GetValue<int>() + 1, after.GetProperty("version").GetInt32());
        Assert.Equal(75m, after.GetProperty("document").GetProperty("exams")[3].GetProperty("passMark").GetDecimal());
        Assert.Equal(20, (await GetAsync(hr, "default"))["document"]!["cycles"]![0]!["windowDays"]!.GetValue<int>());
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(StoredGradeScheme) && a.Action == "Modified"
            && a.Reason == "grade scheme default configured")));

        // What the engineers see follows the stored scheme: the grade names come from it.
        body = Body(await GetAsync(hr, "default"));
        body["levels"]![2]!["nameZh"] = "中级服务工程师";
        Assert.Equal(HttpStatusCode.OK, (await hr.PutAsJsonAsync($"{Url}/default", body)).StatusCode);
        using var engineer = app.ClientFor("engineer");
        var me = await (await engineer.GetAsync(new Uri("/api/v1/grading/me", UriKind.Relative))).ReadJsonAsync();
        Assert.Equal("中级服务工程师", me.GetProperty("level").GetProperty("nameZh").GetString());
        Assert.Equal("default", me.GetProperty("schemeCode").GetString());
    }

    [Fact]
    public async Task Every_bad_value_is_named_by_its_field()
    {
        using var hr = app.ClientFor("hr");
        var body = Body(await GetAsync(hr, "p-levels"));
        body["name"] = "";
        body["levels"]![1]!["code"] = "P1";                       // duplicate
        body["levels"]![2]!["nameEn"] = "";                       // required
        body["levels"]![3]!["pointsThreshold"] = 100m;            // not a points scheme
        body["eligibility"]![0]!["minYearsOfExperience"] = -1;    // negative
        body["eligibility"]![1]!["recentResults"]!["atLeastGradeCode"] = "超级";
        body["exams"]![0]!["theoryPercent"] = 70m;                // weights add up to 130
        body["exams"]![1]!["passMark"] = 101m;
        body["cycles"]![0]!["everyMonths"] = 5;
        body["cycles"]![0]!["phaseMonth"] = 13;
        body["cycles"]![1]!["windowDays"] = 0;
        body["cycles"]![1]!["levelCodes"] = new JsonArray("P4", "P9");
        var (fields, codes) = await ProblemAsync(await hr.PutAsJsonAsync($"{Url}/p-levels", body));
        Assert.Contains("name", fields);
        Assert.Contains("duplicate", codes["levels[1].code"]);
        Assert.Contains("required", codes["levels[2].nameEn"]);
        Assert.Contains("not_points_scheme", codes["levels[3].pointsThreshold"]);
        Assert.Contains("negative", codes["eligibility.levels[0].minYearsOfExperience"]);
        Assert.Contains("unknown", codes["eligibility.levels[1].recentResults.atLeastGradeCode"]);
        Assert.Contains("not_100", codes["exams[0].weights"]);
        Assert.Contains("out_of_range", codes["exams[1].passMark"]);
        Assert.Contains("not_divider_of_12", codes["cycles[0].everyMonths"]);
        Assert.Contains("out_of_range", codes["cycles[0].phaseMonth"]);
        Assert.Contains("out_of_range", codes["cycles[1].windowDays"]);
        Assert.Contains("unknown", codes["cycles[1].levelCodes"]);

        // A points scheme's thresholds must start at 0 and ascend.
        var points = Body(await GetAsync(hr, "points"));
        points["levels"]![0]!["pointsThreshold"] = 10m;
        points["levels"]![2]!["pointsThreshold"] = 500m;
        points["levels"]![4]!["pointsThreshold"] = null;
        (_, codes) = await ProblemAsync(await hr.PutAsJsonAsync($"{Url}/points", points));
        Assert.Contains("lowest_not_zero", codes["levels[0].pointsThreshold"]);
        Assert.Contains("not_ascending", codes["levels[2].pointsThreshold"]);
        Assert.Contains("required", codes["levels[4].pointsThreshold"]);

        // Nothing was written.
        Assert.Equal("技术序列 P1–P8", (await GetAsync(hr, "p-levels"))["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_grade_in_use_cannot_be_removed_or_renamed_but_an_unused_one_can()
    {
        using var hr = app.ClientFor("hr");
        var body = Body(await GetAsync(hr, "default"));
        body["levels"]![2]!["code"] = "Middle";   // renames Intermediate, which people hold and the pay table lists
        var (_, codes) = await ProblemAsync(await hr.PutAsJsonAsync($"{Url}/default", body));
        Assert.Contains(GradeSchemeHandlers.InUse, codes["levels"]);

        // The technicians' scheme is used by nobody: its top grade can go (with its rules, examination and cycle entry).
        var t = Body(await GetAsync(hr, "technicians"));
        t["levels"]!.AsArray().RemoveAt(3);
        t["eligibility"]!.AsArray().RemoveAt(2);
        t["exams"]!.AsArray().RemoveAt(3);
        t["cycles"]![0]!["levelCodes"] = new JsonArray("Assistant", "Technician", "SeniorTechnician");
        var saved = await hr.PutAsJsonAsync($"{Url}/technicians", t);
        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        Assert.Equal(3, (await saved.ReadJsonAsync()).GetProperty("document").GetProperty("levels").GetArrayLength());
    }

    [Fact]
    public async Task A_stale_version_is_409_and_only_hr_and_the_administrator_configure_schemes()
    {
        using var hr = app.ClientFor("hr");
        var view = await GetAsync(hr, "technicians");
        var first = Body(view);
        first["name"] = "维修技师等级(新)";
        Assert.Equal(HttpStatusCode.OK, (await hr.PutAsJsonAsync($"{Url}/technicians", first)).StatusCode);
        var stale = Body(view);
        stale["name"] = "维修技师等级(旧)";
        var conflict = await hr.PutAsJsonAsync($"{Url}/technicians", stale);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("stale_version", (await conflict.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal("维修技师等级(新)", (await GetAsync(hr, "technicians"))["name"]!.GetValue<string>());

        using var admin = app.ClientFor("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri($"{Url}/default", UriKind.Relative))).StatusCode);
        foreach (var login in new[] { "engineer", "head", "gm" })
        {
            using var other = app.ClientFor(login);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(new Uri(Url, UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.PutAsJsonAsync($"{Url}/technicians", Body(view))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await hr.GetAsync(new Uri($"{Url}/nope", UriKind.Relative))).StatusCode);
    }
}

/// <summary>A new scheme through the API (its own app: the other tests count the seeded schemes).</summary>
[Trait("Rule", "R-GRD-1")]
public sealed class GradeSchemeCreationTests(TestApp app) : IClassFixture<TestApp>
{
    private const string Url = "/api/v1/grading/schemes";

    [Fact]
    public async Task A_put_to_a_new_code_creates_a_scheme_that_is_not_the_default_and_a_bad_code_is_named()
    {
        using var hr = app.ClientFor("hr");
        var copy = GradeSchemeTests.Body(await GradeSchemeTests.GetAsync(hr, "p-levels"));
        copy["name"] = "研发技术序列";
        copy["version"] = 0;

        var (fields, codes) = await GradeSchemeTests.ProblemAsync(await hr.PutAsJsonAsync($"{Url}/{Uri.EscapeDataString("研发 序列")}", copy));
        Assert.Equal(["code"], fields);
        Assert.Equal(["format"], codes["code"]);
        Assert.Equal(4, await app.WithDbAsync(db => db.GradeSchemes.CountAsync()));

        Assert.Equal(HttpStatusCode.OK, (await hr.PutAsJsonAsync($"{Url}/rd-levels", copy)).StatusCode);
        var created = await GradeSchemeTests.GetAsync(hr, "rd-levels");
        Assert.Equal("研发技术序列", created["name"]!.GetValue<string>());
        Assert.False(created["isDefault"]!.GetValue<bool>());
        Assert.Equal("P8", created["document"]!["levels"]![7]!["code"]!.GetValue<string>());
        Assert.Empty(created["levelsInUse"]!.AsArray());
    }
}
