using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Tests.Infrastructure;
using static ServiceMark.Web.Tests.Assessment.AssessmentApi;

namespace ServiceMark.Web.Tests.Grading;

/// <summary>Trainings and certificates (R-GRD-3): recorded by HR or the department head, each field checked, once each, and counted by eligibility.</summary>
[Trait("Rule", "R-GRD-3")]
public sealed class QualificationEndpointTests(TestApp app) : IClassFixture<TestApp>
{
    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));

    private Task<int> CountAsync() => app.WithDbAsync(db => db.PersonQualifications.CountAsync());

    private async Task<List<string?>> UnmetAsync(HttpClient client, int personId) =>
        (await (await client.GetAsync(new Uri($"/api/v1/grading/people/{personId}", UriKind.Relative))).ReadJsonAsync())
            .GetProperty("next").GetProperty("unmet").EnumerateArray().Select(u => u.GetProperty("code").GetString()).ToList();

    [Fact]
    public async Task A_training_is_recorded_once_and_the_next_grade_no_longer_lists_it_as_missing()
    {
        using var hr = app.ClientFor("hr");
        var person = await new TicketDriver(app).PersonIdAsync("E0011");
        var url = $"/api/v1/grading/people/{person}/qualifications";
        Assert.Contains("training_missing", await UnmetAsync(hr, person));

        var recorded = await hr.PostAsJsonAsync(url, new { kind = "Training", name = "  电气与高压安全培训 ", obtainedOn = Today.AddDays(-10) });
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.Equal($"/api/v1/grading/people/{person}", recorded.Headers.Location?.OriginalString);
        var id = (await recorded.ReadJsonAsync()).GetProperty("id").GetInt32();
        var stored = await app.WithDbAsync(db => db.PersonQualifications.AsNoTracking().SingleAsync(q => q.Id == id));
        Assert.Equal("电气与高压安全培训", stored.Name);
        Assert.Equal(person, stored.PersonId);
        Assert.Equal(Today.AddDays(-10), stored.ObtainedOn);

        var unmet = await UnmetAsync(hr, person);
        Assert.DoesNotContain("training_missing", unmet);
        Assert.Contains("certificate_missing", unmet);

        // The same training again is a conflict and adds nothing; the head records a certificate too.
        var count = await CountAsync();
        await ProblemAsync(await hr.PostAsJsonAsync(url, new { kind = "training", name = "电气与高压安全培训", obtainedOn = Today }), HttpStatusCode.Conflict);
        Assert.Equal(count, await CountAsync());
        using var head = app.ClientFor("head");
        Assert.Equal(HttpStatusCode.Created, (await head.PostAsJsonAsync(url, new { kind = "Certificate", name = "低压电工作业证", obtainedOn = Today })).StatusCode);
        Assert.Contains(await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "PersonQualification").Select(a => a.Reason).ToListAsync()), r => r == "Certificate recorded");
    }

    [Fact]
    public async Task Each_bad_field_is_named_other_roles_are_refused_and_nothing_is_recorded()
    {
        using var hr = app.ClientFor("hr");
        var person = await new TicketDriver(app).PersonIdAsync("E0012");
        var url = $"/api/v1/grading/people/{person}/qualifications";
        var before = await CountAsync();

        Assert.Equal(["kind", "name", "obtainedOn"], (await (await hr.PostAsJsonAsync(url, new { })).FieldErrorsAsync()).Order(StringComparer.Ordinal));
        Assert.Equal(["kind"], await (await hr.PostAsJsonAsync(url, new { kind = "Diploma", name = "x", obtainedOn = Today })).FieldErrorsAsync());
        Assert.Equal(["name"], await (await hr.PostAsJsonAsync(url, new { kind = "Training", name = new string('训', 500), obtainedOn = Today })).FieldErrorsAsync());
        Assert.Equal(["obtainedOn"], await (await hr.PostAsJsonAsync(url, new { kind = "Training", name = "x", obtainedOn = "last spring" })).FieldErrorsAsync());
        Assert.Equal(["obtainedOn"], await (await hr.PostAsJsonAsync(url, new { kind = "Training", name = "将来的培训", obtainedOn = Today.AddDays(30) })).FieldErrorsAsync());
        Assert.Equal(["obtainedOn"], await (await hr.PostAsJsonAsync(url, new { kind = "Training", name = "公元元年的培训", obtainedOn = "0001-01-01" })).FieldErrorsAsync());
        await ProblemAsync(await hr.PostAsJsonAsync("/api/v1/grading/people/999999/qualifications", new { kind = "Training", name = "x", obtainedOn = Today }), HttpStatusCode.NotFound);
        foreach (var user in new[] { "supervisor", "engineer", "gm", "vphr", "admin", "E0012" })
        {
            using var client = app.ClientFor(user);
            await ProblemAsync(await client.PostAsJsonAsync(url, new { kind = "Training", name = "故障诊断培训", obtainedOn = Today }), HttpStatusCode.Forbidden);
        }

        Assert.Equal(before, await CountAsync());
    }
}
