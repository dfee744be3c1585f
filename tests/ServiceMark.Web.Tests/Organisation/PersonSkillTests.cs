using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Tests.Infrastructure;

namespace ServiceMark.Web.Tests.Organisation;

/// <summary>Engineers' skills with proficiency (R-TKT-6): kept by HR and the head, seen by the person, used by dispatch.</summary>
[Trait("Rule", "R-TKT-6")]
public sealed class PersonSkillTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Skills_are_replaced_with_reasons_for_bad_lines_and_each_engineer_sees_only_their_own()
    {
        using var hr = app.ClientFor("hr");
        using var engineer = app.ClientFor("engineer");
        using var engineer2 = app.ClientFor("engineer2");
        var me = await app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == "E0011").Select(p => p.Id).SingleAsync());

        var seeded = await (await engineer.GetAsync($"/api/v1/people/{me}/skills")).ReadJsonAsync();
        Assert.Contains(seeded.GetProperty("skills").EnumerateArray(), s => s.GetProperty("faultCategory").GetString() == "Body" && s.GetProperty("proficiency").GetInt32() == 5);
        var version = seeded.GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer2.GetAsync($"/api/v1/people/{me}/skills")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PutAsJsonAsync($"/api/v1/people/{me}/skills", new { version, skills = Array.Empty<object>() })).StatusCode);

        var bad = await hr.PutAsJsonAsync($"/api/v1/people/{me}/skills", new
        {
            version,
            skills = new object[] { new { faultCategory = "Plumbing", proficiency = 3 }, new { faultCategory = "Body", proficiency = 9 }, new { faultCategory = "Electrical", proficiency = 2 }, new { faultCategory = "Electrical", proficiency = 4 } },
        });
        Assert.Equal(["skills[0].faultCategory", "skills[1].proficiency", "skills[3].faultCategory"], (await bad.FieldErrorsAsync()).Order());

        var saved = await (await hr.PutAsJsonAsync($"/api/v1/people/{me}/skills", new { version, skills = new[] { new { faultCategory = "Electrical", proficiency = 5 } } })).ReadJsonAsync();
        var only = Assert.Single(saved.GetProperty("skills").EnumerateArray());
        Assert.Equal(("Electrical", 5), (only.GetProperty("faultCategory").GetString(), only.GetProperty("proficiency").GetInt32()));
        Assert.Equal(version + 1, saved.GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await hr.PutAsJsonAsync("/api/v1/people/999999/skills", new { version = 1, skills = Array.Empty<object>() })).StatusCode);
    }

    [Theory]
    [InlineData("{}", "skills")]
    [InlineData("{\"skills\": null, \"version\": 1}", "skills")]
    [InlineData("{\"skills\": []}", "version")]
    public async Task A_missing_list_or_version_is_a_400_naming_the_field_and_wipes_nothing(string body, string field)
    {
        using var hr = app.ClientFor("hr");
        var person = await app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == "E0012").Select(p => p.Id).SingleAsync());
        var before = await app.WithDbAsync(db => db.PersonSkills.CountAsync(s => s.PersonId == person));
        Assert.True(before > 0, "the demo engineer has skills");

        var response = await hr.PutAsync(new Uri($"/api/v1/people/{person}/skills", UriKind.Relative),
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.FieldErrorsAsync());
        Assert.Equal(before, await app.WithDbAsync(db => db.PersonSkills.CountAsync(s => s.PersonId == person)));
    }

    [Fact]
    public async Task A_skills_write_with_a_stale_version_is_a_409_and_changes_nothing()
    {
        using var hr = app.ClientFor("hr");
        using var head = app.ClientFor("head");
        var person = await app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == "E0013").Select(p => p.Id).SingleAsync());
        var version = (await (await hr.GetAsync($"/api/v1/people/{person}/skills")).ReadJsonAsync()).GetProperty("version").GetInt32();

        var first = await head.PutAsJsonAsync($"/api/v1/people/{person}/skills", new { version, skills = new[] { new { faultCategory = "Body", proficiency = 4 } } });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var stale = await hr.PutAsJsonAsync($"/api/v1/people/{person}/skills", new { version, skills = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("stale_version", (await stale.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal([("Body", 4)], (await app.WithDbAsync(db => db.PersonSkills.Where(s => s.PersonId == person).ToListAsync()))
            .Select(s => (s.FaultCategory.ToString(), s.Proficiency)));

        // The person's own edit sees the skills change as a change of the record: a form loaded before it is stale too.
        var fresh = await (await hr.GetAsync($"/api/v1/people/{person}")).ReadJsonAsync();
        Assert.Equal(version + 1, fresh.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task An_empty_skill_line_is_a_400_naming_its_place_not_a_500()
    {
        using var hr = app.ClientFor("hr");
        var me = await app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == "E0011").Select(p => p.Id).SingleAsync());
        var before = await (await hr.GetAsync($"/api/v1/people/{me}/skills")).Content.ReadAsStringAsync();
        var version = (await (await hr.GetAsync($"/api/v1/people/{me}/skills")).ReadJsonAsync()).GetProperty("version").GetInt32();
        var refused = await hr.PutAsJsonAsync($"/api/v1/people/{me}/skills", new { version, skills = new object?[] { null, new { faultCategory = "Body", proficiency = 3 } } });
        Assert.Equal(["skills[0]"], await refused.FieldErrorsAsync());
        Assert.Equal(before, await (await hr.GetAsync($"/api/v1/people/{me}/skills")).Content.ReadAsStringAsync());
    }
}
