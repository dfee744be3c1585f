using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Tests.Infrastructure;
using static ServiceMark.Web.Tests.Assessment.AssessmentApi;

namespace ServiceMark.Web.Tests.Grading;

/// <summary>
/// Grade applications endpoint by endpoint (R-GRD-4): who sees an application (applicant, superior, panel, reviewers, HR,
/// head — not a colleague), each step's field errors, stale versions and refusals that change nothing.
/// </summary>
[Trait("Rule", "R-GRD-4")]
public sealed class ApplicationEndpointTests(TestApp app) : IClassFixture<TestApp>
{
    private Task<int> PersonIdAsync(string number) => new TicketDriver(app).PersonIdAsync(number);

    private Task<string> StoredAsync(int id) => app.WithDbAsync(async db =>
    {
        var a = await db.GradeApplications.AsNoTracking().SingleAsync(x => x.Id == id);
        return $"{a.State}:{a.Version}:{a.WeightedScore}:{a.ScoresJson}:{string.Join(",", a.Panel)}:{a.CertificateNumber}";
    });

    /// <summary>沈浩 (E0030, not graded yet) applies for his first grading; the same application for every test of the class.</summary>
    private async Task<int> ApplicationAsync()
    {
        var applicant = await PersonIdAsync("E0030");
        var existing = await app.WithDbAsync(db => db.GradeApplications.Where(a => a.ApplicantId == applicant).Select(a => (int?)a.Id).FirstOrDefaultAsync());
        if (existing is { } id)
        {
            return id;
        }

        using var client = app.ClientFor("E0030");
        var opened = await client.PostAsJsonAsync("/api/v1/grading/applications", new { });
        Assert.True(opened.StatusCode == HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        return (await opened.ReadJsonAsync()).GetProperty("summary").GetProperty("id").GetInt32();
    }

    private async Task<JsonElement> GetAsync(string user, int id)
    {
        using var client = app.ClientFor(user);
        var response = await client.GetAsync(new Uri($"/api/v1/grading/applications/{id}", UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private static int Version(JsonElement a) => a.GetProperty("summary").GetProperty("version").GetInt32();

    [Fact]
    public async Task Opening_names_a_bad_grade_and_refuses_the_ineligible_a_second_application_and_the_admin()
    {
        var id = await ApplicationAsync();
        var a = await GetAsync("E0030", id);
        Assert.Equal("Trainee", a.GetProperty("summary").GetProperty("toLevelCode").GetString());
        Assert.Equal("沈浩", a.GetProperty("applicant").GetProperty("name").GetString());
        Assert.Equal("刘洋", a.GetProperty("superior").GetProperty("name").GetString());

        using var applicant = app.ClientFor("E0030");
        var count = await app.WithDbAsync(db => db.GradeApplications.CountAsync());
        Assert.Equal(["toLevelCode"], await (await applicant.PostAsJsonAsync("/api/v1/grading/applications", new { toLevelCode = "Wizard" })).FieldErrorsAsync());
        Assert.Equal("application_open", (await ProblemAsync(await applicant.PostAsJsonAsync("/api/v1/grading/applications", new { }), HttpStatusCode.Conflict)).GetProperty("code").GetString());
        using var engineer = app.ClientFor("engineer");
        Assert.Equal("not_eligible", (await ProblemAsync(await engineer.PostAsJsonAsync("/api/v1/grading/applications", new { }), HttpStatusCode.Conflict)).GetProperty("code").GetString());
        using var admin = app.ClientFor("admin");
        await ProblemAsync(await admin.PostAsJsonAsync("/api/v1/grading/applications", new { }), HttpStatusCode.Forbidden);
        Assert.Equal(count, await app.WithDbAsync(db => db.GradeApplications.CountAsync()));
    }

    [Fact]
    public async Task An_application_is_seen_by_those_taking_part_and_by_no_colleague()
    {
        var id = await ApplicationAsync();
        foreach (var user in new[] { "E0030", "supervisor", "head", "hr", "gm", "vpm", "vphr" })
        {
            Assert.Equal(id, (await GetAsync(user, id)).GetProperty("summary").GetProperty("id").GetInt32());
            using var client = app.ClientFor(user);
            Assert.Contains((await (await client.GetAsync(new Uri("/api/v1/grading/applications", UriKind.Relative))).ReadJsonAsync()).EnumerateArray(),
                s => s.GetProperty("id").GetInt32() == id);
        }

        foreach (var user in new[] { "engineer", "engineer2", "E0006", "specialist", "warehouse" })
        {
            using var client = app.ClientFor(user);
            var refused = await ProblemAsync(await client.GetAsync(new Uri($"/api/v1/grading/applications/{id}", UriKind.Relative)), HttpStatusCode.Forbidden);
            Assert.DoesNotContain("沈浩", refused.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain((await (await client.GetAsync(new Uri("/api/v1/grading/applications", UriKind.Relative))).ReadJsonAsync()).EnumerateArray(),
                s => s.GetProperty("id").GetInt32() == id);
        }

        using var hr = app.ClientFor("hr");
        await ProblemAsync(await hr.GetAsync(new Uri("/api/v1/grading/applications/999999", UriKind.Relative)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Steps_panel_and_examination_name_bad_fields_refuse_outsiders_and_stale_versions_and_change_nothing_when_refused()
    {
        var id = await ApplicationAsync();
        var a = await GetAsync("hr", id);
        using var applicant = app.ClientFor("E0030");
        using var engineer = app.ClientFor("engineer");
        using var supervisor = app.ClientFor("supervisor");
        using var head = app.ClientFor("head");
        using var hr = app.ClientFor("hr");
        using var gm = app.ClientFor("gm");
        var actions = $"/api/v1/grading/applications/{id}/actions";

        if (a.GetProperty("summary").GetProperty("state").GetString() == "Draft")
        {
            var stored = await StoredAsync(id);
            Assert.Equal(["action"], await (await applicant.PostAsJsonAsync(actions, new { action = "Dance", version = Version(a) })).FieldErrorsAsync());
            Assert.Equal(["action"], await (await applicant.PostAsJsonAsync(actions, new { action = "IssueCertificate", version = Version(a) })).FieldErrorsAsync());
            await ProblemAsync(await engineer.PostAsJsonAsync(actions, new { action = "Submit", version = Version(a) }), HttpStatusCode.Forbidden);
            await ProblemAsync(await applicant.PostAsJsonAsync(actions, new { action = "Submit", version = Version(a) + 1 }), HttpStatusCode.Conflict);
            await ProblemAsync(await applicant.PostAsJsonAsync("/api/v1/grading/applications/999999/actions", new { action = "Submit", version = 1 }), HttpStatusCode.NotFound);
            Assert.Equal(stored, await StoredAsync(id));
            var submitted = await applicant.PostAsJsonAsync(actions, new { action = "submit", version = Version(a) });
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
            a = await submitted.ReadJsonAsync();
            Assert.Equal("Submitted", a.GetProperty("summary").GetProperty("state").GetString());
            a = await (await supervisor.PostAsJsonAsync(actions, new { action = "ConfirmBySuperior", version = Version(a) })).ReadJsonAsync();
            a = await (await head.PostAsJsonAsync(actions, new { action = "ConfirmByDepartmentHead", version = Version(a) })).ReadJsonAsync();
            Assert.Equal("DepartmentHeadConfirmed", a.GetProperty("summary").GetProperty("state").GetString());
        }

        var gmId = await PersonIdAsync("E0001");
        var vpmId = await PersonIdAsync("E0002");
        var headId = await PersonIdAsync("E0004");
        var panel = $"/api/v1/grading/applications/{id}/panel";
        if (a.GetProperty("panel").GetArrayLength() == 0)
        {
            var stored = await StoredAsync(id);
            Assert.Equal(["memberIds"], await (await hr.PostAsJsonAsync(panel, new { memberIds = new[] { gmId, 999999 }, version = Version(a) })).FieldErrorsAsync());
            Assert.NotEmpty(await (await hr.PostAsJsonAsync(panel, new { memberIds = Array.Empty<int>(), version = Version(a) })).FieldErrorsAsync());
            await ProblemAsync(await supervisor.PostAsJsonAsync(panel, new { memberIds = new[] { gmId }, version = Version(a) }), HttpStatusCode.Forbidden);
            await ProblemAsync(await hr.PostAsJsonAsync(panel, new { memberIds = new[] { gmId }, version = Version(a) - 1 }), HttpStatusCode.Conflict);
            await ProblemAsync(await hr.PostAsJsonAsync("/api/v1/grading/applications/999999/panel", new { memberIds = new[] { gmId }, version = 1 }), HttpStatusCode.NotFound);
            Assert.Equal(stored, await StoredAsync(id));
            var named = await hr.PostAsJsonAsync(panel, new { memberIds = new[] { gmId, vpmId }, version = Version(a) });
            Assert.Equal(HttpStatusCode.OK, named.StatusCode);
            a = await named.ReadJsonAsync();
            Assert.Equal(["王建国", "李明华"], a.GetProperty("panel").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        }

        // The examination: a panel member only, every score a known part within 0..100 by a member of the panel.
        var exam = $"/api/v1/grading/applications/{id}/examination";
        object Score(int member, string part, decimal score) => new { memberId = member, part, score };
        object[] good = [Score(gmId, "Theory", 75m), Score(vpmId, "Theory", 65m), Score(gmId, "Practical", 70m), Score(vpmId, "Practical", 80m)];
        if (a.GetProperty("summary").GetProperty("state").GetString() == "DepartmentHeadConfirmed")
        {
            var stored = await StoredAsync(id);
            await ProblemAsync(await hr.PostAsJsonAsync(exam, new { scores = good, version = Version(a) }), HttpStatusCode.Forbidden); // not on the panel
            await ProblemAsync(await engineer.PostAsJsonAsync(exam, new { scores = good, version = Version(a) }), HttpStatusCode.Forbidden);
            await ProblemAsync(await gm.PostAsJsonAsync(exam, new { scores = good, version = Version(a) + 1 }), HttpStatusCode.Conflict);
            Assert.Equal(["scores"], await (await gm.PostAsJsonAsync(exam, new { version = Version(a) })).FieldErrorsAsync());
            Assert.Equal(["scores[1].part"], await (await gm.PostAsJsonAsync(exam, new { scores = new[] { good[0], Score(vpmId, "Dancing", 70m) }, version = Version(a) })).FieldErrorsAsync());
            Assert.Contains("scores[0].score", await (await gm.PostAsJsonAsync(exam, new { scores = new[] { Score(gmId, "Theory", 101m), good[1], good[2], good[3] }, version = Version(a) })).FieldErrorsAsync());
            Assert.Contains("scores[0].memberId", await (await gm.PostAsJsonAsync(exam, new { scores = new[] { Score(headId, "Theory", 90m), good[1], good[2], good[3] }, version = Version(a) })).FieldErrorsAsync());
            Assert.Equal(stored, await StoredAsync(id));

            var examined = await gm.PostAsJsonAsync(exam, new { scores = good, version = Version(a) });
            Assert.True(examined.StatusCode == HttpStatusCode.OK, await examined.Content.ReadAsStringAsync());
            a = await examined.ReadJsonAsync();
            Assert.Equal("Examined", a.GetProperty("summary").GetProperty("state").GetString());
            Assert.Equal(72.5m, a.GetProperty("weightedScore").GetDecimal());
            Assert.True(a.GetProperty("passed").GetBoolean());
        }

        // The certificate: not before its step; then the panel is fixed.
        var certificate = $"/api/v1/grading/applications/{id}/certificate";
        await ProblemAsync(await hr.PostAsJsonAsync(certificate, new { version = Version(a) }), HttpStatusCode.Conflict);
        await ProblemAsync(await engineer.PostAsJsonAsync(certificate, new { version = Version(a) }), HttpStatusCode.Forbidden);
        Assert.Equal(["effectiveFrom"], await (await hr.PostAsJsonAsync(certificate, new { effectiveFrom = "2026-02-30", version = Version(a) })).FieldErrorsAsync());
        await ProblemAsync(await hr.PostAsJsonAsync(panel, new { memberIds = new[] { gmId }, version = Version(a) }), HttpStatusCode.Conflict);
    }
}
