using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Tests.Infrastructure;
using static ServiceMark.Web.Tests.Assessment.AssessmentApi;

namespace ServiceMark.Web.Tests.Grading;

/// <summary>
/// Demotion cases endpoint by endpoint (R-GRD-6): raised by HR or the head with evidence, seen by the person, their superior,
/// the reviewers and HR only; each step by its role at the current version; refusals change nothing.
/// </summary>
[Trait("Rule", "R-GRD-6")]
public sealed class DemotionEndpointTests(TestApp app) : IClassFixture<TestApp>
{
    private Task<int> PersonIdAsync(string number) => new TicketDriver(app).PersonIdAsync(number);

    private Task<string> StoredAsync() => app.WithDbAsync(async db =>
        string.Join(";", await db.GradeDemotions.AsNoTracking().OrderBy(d => d.Id).Select(d => $"{d.Id}:{d.PersonId}:{d.State}:{d.Version}").ToListAsync()));

    /// <summary>The case against 胡军 (E0012, Junior) that the tests of this class share.</summary>
    private async Task<JsonElement> CaseAsync()
    {
        var person = await PersonIdAsync("E0012");
        using var head = app.ClientFor("head");
        var existing = await app.WithDbAsync(db => db.GradeDemotions.Where(d => d.PersonId == person).Select(d => (int?)d.Id).FirstOrDefaultAsync());
        if (existing is { } id)
        {
            return await (await head.GetAsync(new Uri($"/api/v1/grading/demotions/{id}", UriKind.Relative))).ReadJsonAsync();
        }

        var raised = await head.PostAsJsonAsync("/api/v1/grading/demotions",
            new { personId = person, cause = "qualityAccident", evidence = "  2026-09-03 制动系统维修后返修，质量事故报告 QA-2026-027  " });
        Assert.True(raised.StatusCode == HttpStatusCode.Created, await raised.Content.ReadAsStringAsync());
        var d = await raised.ReadJsonAsync();
        Assert.Equal($"/api/v1/grading/demotions/{d.GetProperty("id").GetInt32()}", raised.Headers.Location?.OriginalString);
        return d;
    }

    [Fact]
    public async Task Raising_a_case_names_each_bad_field_and_refuses_the_wrong_person_role_or_a_second_case()
    {
        var d = await CaseAsync();
        Assert.Equal("胡军", d.GetProperty("person").GetProperty("name").GetString());
        Assert.Equal("Junior", d.GetProperty("fromLevel").GetProperty("code").GetString());
        Assert.Equal("Trainee", d.GetProperty("toLevel").GetProperty("code").GetString());
        Assert.Equal("QualityAccident", d.GetProperty("cause").GetString());
        Assert.Equal("2026-09-03 制动系统维修后返修，质量事故报告 QA-2026-027", d.GetProperty("evidence").GetString());

        using var hr = app.ClientFor("hr");
        const string url = "/api/v1/grading/demotions";
        var before = await StoredAsync();
        var someone = await PersonIdAsync("E0014");
        Assert.Equal(["cause", "evidence", "personId"], (await (await hr.PostAsJsonAsync(url, new { })).FieldErrorsAsync()).Order(StringComparer.Ordinal));
        Assert.Equal(["cause"], await (await hr.PostAsJsonAsync(url, new { personId = someone, cause = "Laziness", evidence = "x" })).FieldErrorsAsync());
        Assert.Equal(["flagPeriod"], await (await hr.PostAsJsonAsync(url, new { personId = someone, cause = "ConsecutiveFailedMonths", evidence = "x", flagPeriod = new string('2', 41) })).FieldErrorsAsync());
        Assert.Equal(["evidence"], await (await hr.PostAsJsonAsync(url, new { personId = someone, cause = "RuleViolation", evidence = new string('证', 5000) })).FieldErrorsAsync());
        Assert.Equal(["personId"], await (await hr.PostAsJsonAsync(url, new { personId = "E0014", cause = "RuleViolation", evidence = "x" })).FieldErrorsAsync());
        await ProblemAsync(await hr.PostAsJsonAsync(url, new { personId = 999999, cause = "RuleViolation", evidence = "x" }), HttpStatusCode.NotFound);
        Assert.Equal("not_graded", (await ProblemAsync(await hr.PostAsJsonAsync(url,
            new { personId = await PersonIdAsync("E0030"), cause = "RuleViolation", evidence = "x" }), HttpStatusCode.Conflict)).GetProperty("code").GetString());
        Assert.Equal("demotion_open", (await ProblemAsync(await hr.PostAsJsonAsync(url,
            new { personId = d.GetProperty("person").GetProperty("id").GetInt32(), cause = "RuleViolation", evidence = "再次" }), HttpStatusCode.Conflict)).GetProperty("code").GetString());
        foreach (var user in new[] { "supervisor", "engineer", "gm", "vpm", "admin" })
        {
            using var client = app.ClientFor(user);
            await ProblemAsync(await client.PostAsJsonAsync(url, new { personId = someone, cause = "RuleViolation", evidence = "x" }), HttpStatusCode.Forbidden);
        }

        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task A_case_is_seen_by_its_person_their_superior_the_reviewers_and_hr_and_by_no_colleague()
    {
        var d = await CaseAsync();
        var id = d.GetProperty("id").GetInt32();
        foreach (var user in new[] { "E0012", "supervisor", "head", "hr", "gm", "vpm", "vphr" })
        {
            using var client = app.ClientFor(user);
            var seen = await client.GetAsync(new Uri($"/api/v1/grading/demotions/{id}", UriKind.Relative));
            Assert.True(seen.StatusCode == HttpStatusCode.OK, $"{user}: {(int)seen.StatusCode}");
            Assert.Equal("胡军", (await seen.ReadJsonAsync()).GetProperty("person").GetProperty("name").GetString());
            Assert.Contains((await (await client.GetAsync(new Uri("/api/v1/grading/demotions", UriKind.Relative))).ReadJsonAsync()).EnumerateArray(),
                x => x.GetProperty("id").GetInt32() == id);
        }

        foreach (var user in new[] { "engineer", "engineer2", "E0006", "specialist" })
        {
            using var client = app.ClientFor(user);
            var refused = await ProblemAsync(await client.GetAsync(new Uri($"/api/v1/grading/demotions/{id}", UriKind.Relative)), HttpStatusCode.Forbidden);
            Assert.DoesNotContain("QA-2026-027", refused.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain((await (await client.GetAsync(new Uri("/api/v1/grading/demotions", UriKind.Relative))).ReadJsonAsync()).EnumerateArray(),
                x => x.GetProperty("id").GetInt32() == id);
        }

        using var hr = app.ClientFor("hr");
        await ProblemAsync(await hr.GetAsync(new Uri("/api/v1/grading/demotions/999999", UriKind.Relative)), HttpStatusCode.NotFound);
        using var engineer = app.ClientFor("engineer");
        await ProblemAsync(await engineer.GetAsync(new Uri("/api/v1/grading/demotion-flags", UriKind.Relative)), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Steps_are_taken_by_their_role_at_the_current_version_and_a_refused_step_changes_nothing()
    {
        var d = await CaseAsync();
        var id = d.GetProperty("id").GetInt32();
        var url = $"/api/v1/grading/demotions/{id}/actions";
        var version = d.GetProperty("version").GetInt32();
        using var head = app.ClientFor("head");
        using var subject = app.ClientFor("E0012");
        using var engineer = app.ClientFor("engineer");
        using var supervisor = app.ClientFor("supervisor");
        using var gm = app.ClientFor("gm");

        if (d.GetProperty("state").GetString() == "Draft")
        {
            var before = await StoredAsync();
            Assert.Equal(["action"], await (await head.PostAsJsonAsync(url, new { action = "Dance", version })).FieldErrorsAsync());
            await ProblemAsync(await engineer.PostAsJsonAsync(url, new { action = "Submit", version }), HttpStatusCode.Forbidden);
            await ProblemAsync(await subject.PostAsJsonAsync(url, new { action = "Submit", version }), HttpStatusCode.Forbidden);
            await ProblemAsync(await gm.PostAsJsonAsync(url, new { action = "ApproveByGm", version }), HttpStatusCode.Conflict); // not this step yet
            await ProblemAsync(await head.PostAsJsonAsync(url, new { action = "Submit", version = version - 1 }), HttpStatusCode.Conflict);
            await ProblemAsync(await head.PostAsJsonAsync("/api/v1/grading/demotions/999999/actions", new { action = "Submit", version }), HttpStatusCode.NotFound);
            Assert.Equal(before, await StoredAsync());

            var submitted = await head.PostAsJsonAsync(url, new { action = "Submit", version });
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
            d = await submitted.ReadJsonAsync();
            Assert.Equal("Submitted", d.GetProperty("state").GetString());
            Assert.Equal("Submit", d.GetProperty("history").EnumerateArray().Last().GetProperty("action").GetString());
            version = d.GetProperty("version").GetInt32();
        }

        // The person concerned never confirms or rejects their own case; a reject needs its reason.
        var stored = await StoredAsync();
        await ProblemAsync(await subject.PostAsJsonAsync(url, new { action = "Reject", reason = "不同意", version }), HttpStatusCode.Forbidden);
        Assert.Equal(["reason"], await (await supervisor.PostAsJsonAsync(url, new { action = "Reject", reason = " ", version })).FieldErrorsAsync());
        await ProblemAsync(await supervisor.PostAsJsonAsync(url, new { action = "ConfirmBySuperior", version = version + 1 }), HttpStatusCode.Conflict);
        Assert.Equal(stored, await StoredAsync());

        var confirmed = await supervisor.PostAsJsonAsync(url, new { action = "ConfirmBySuperior", version });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("SuperiorConfirmed", (await confirmed.ReadJsonAsync()).GetProperty("state").GetString());
        await ProblemAsync(await supervisor.PostAsJsonAsync(url, new { action = "ConfirmBySuperior", version }), HttpStatusCode.Conflict);
    }
}
