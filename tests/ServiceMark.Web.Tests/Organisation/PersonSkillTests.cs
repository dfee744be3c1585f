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
        Assert.Contains(seeded.EnumerateArray(), s => s.GetProperty("faultCategory").GetString() == "Body" && s.GetProperty("proficiency").GetInt32() == 5);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer2.GetAsync($"/api/v1/people/{me}/skills")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PutAsJsonAsync($"/api/v1/people/{me}/skills", new { skills = Array.Empty<object>() })).StatusCode);

        var bad = await hr.PutAsJsonAsync($"/api/v1/people/{me}/skills", new
        {
            skills = new object[] { new { faultCategory = "Plumbing", proficiency = 3 }, new { faultCategory = "Body", proficiency = 9 }, new { faultCategory = "Electrical", proficiency = 2 }, new { faultCategory = "Electrical", proficiency = 4 } },
        });
        Assert.Equal(["skills[0].faultCategory", "skills[1].proficiency", "skills[3].faultCategory"], (await bad.FieldErrorsAsync()).Order());

        var saved = await (await hr.PutAsJsonAsync($"/api/v1/people/{me}/skills", new { skills = new[] { new { faultCategory = "Electrical", proficiency = 5 } } })).ReadJsonAsync();
        var only = Assert.Single(saved.EnumerateArray());
        Assert.Equal(("Electrical", 5), (only.GetProperty("faultCategory").GetString(), only.GetProperty("proficiency").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, (await hr.PutAsJsonAsync("/api/v1/people/999999/skills", new { skills = Array.Empty<object>() })).StatusCode);
    }

    [Fact]
    public async Task An_empty_skill_line_is_a_400_naming_its_place_not_a_500()
    {
        using var hr = app.ClientFor("hr");
        var me = await app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == "E0011").Select(p => p.Id).SingleAsync());
        var before = await (await hr.GetAsync($"/api/v1/people/{me}/skills")).Content.ReadAsStringAsync();
        var refused = await hr.PutAsJsonAsync($"/api/v1/people/{me}/skills", new { skills = new object?[] { null, new { faultCategory = "Body", proficiency = 3 } } });
        Assert.Equal(["skills[0]"], await refused.FieldErrorsAsync());
        Assert.Equal(before, await (await hr.GetAsync($"/api/v1/people/{me}/skills")).Content.ReadAsStringAsync());
    }
}
