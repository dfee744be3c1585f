using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Tests.Infrastructure;
using static ServiceMark.Web.Tests.Assessment.AssessmentApi;

namespace ServiceMark.Web.Tests.Grading;

/// <summary>The pay-table page's API (R-GRD-2): effective-dated versions, listed to the roster's readers and added by HR only, never edited.</summary>
[Trait("Rule", "R-GRD-2")]
public sealed class PayTableEndpointTests(TestApp app) : IClassFixture<TestApp>
{
    private static object[] Rows(decimal raise = 0m) =>
    [
        new { levelCode = "Trainee", basePay = 1800m + raise, positionPay = 200m, gradeAllowance = 100m },
        new { levelCode = "Junior", basePay = 2000m + raise, positionPay = 300m, gradeAllowance = 500m },
        new { levelCode = "Intermediate", basePay = 2300m + raise, positionPay = 600m, gradeAllowance = 1000m },
        new { levelCode = "Senior", basePay = 2500m + raise, positionPay = 1000m, gradeAllowance = 2000m },
        new { levelCode = "Expert", basePay = 3000m + raise, positionPay = 2000m, gradeAllowance = 3000m },
    ];

    private Task<string> StoredTablesAsync() => app.WithDbAsync(async db =>
        string.Join(";", await db.GradePayTables.AsNoTracking().OrderBy(t => t.Id).Select(t => $"{t.Id}:{t.EffectiveFrom}").ToListAsync()));

    [Fact]
    public async Task The_list_shows_the_seed_table_to_hr_the_head_and_the_gm_only()
    {
        foreach (var user in new[] { "hr", "head", "gm" })
        {
            using var client = app.ClientFor(user);
            var tables = (await (await client.GetAsync(new Uri("/api/v1/grading/pay-tables", UriKind.Relative))).ReadJsonAsync()).EnumerateArray().ToList();
            var seed = tables.First();
            Assert.Equal("2025-01-01", seed.GetProperty("effectiveFrom").GetString());
            var intermediate = seed.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("levelCode").GetString() == "Intermediate");
            Assert.Equal(2300m, intermediate.GetProperty("basePay").GetDecimal());
            Assert.Equal(600m, intermediate.GetProperty("positionPay").GetDecimal());
            Assert.Equal(1000m, intermediate.GetProperty("gradeAllowance").GetDecimal());
            Assert.Equal(5, seed.GetProperty("rows").GetArrayLength());
        }

        foreach (var user in new[] { "engineer", "supervisor", "vpm", "admin" })
        {
            using var client = app.ClientFor(user);
            await ProblemAsync(await client.GetAsync(new Uri("/api/v1/grading/pay-tables", UriKind.Relative)), HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task A_new_version_is_added_by_hr_with_every_level_and_amount_checked_and_a_date_holds_one_version()
    {
        using var hr = app.ClientFor("hr");
        var effective = new DateOnly(DateTime.UtcNow.Year + 3, 7, 1);
        var before = await StoredTablesAsync();
        const string url = "/api/v1/grading/pay-tables";

        Assert.Equal(["effectiveFrom"], await (await hr.PostAsJsonAsync(url, new { rows = Rows() })).FieldErrorsAsync());
        Assert.Equal(["effectiveFrom"], await (await hr.PostAsJsonAsync(url, new { effectiveFrom = "2027-02-30", rows = Rows() })).FieldErrorsAsync());
        Assert.Equal(["rows"], await (await hr.PostAsJsonAsync(url, new { effectiveFrom = effective })).FieldErrorsAsync());
        Assert.Equal(["rows"], await (await hr.PostAsJsonAsync(url, new { effectiveFrom = effective, rows = Rows().Take(4) })).FieldErrorsAsync());
        Assert.Contains("rows[5].levelCode", await (await hr.PostAsJsonAsync(url, new { effectiveFrom = effective,
            rows = Rows().Append(new { levelCode = "Wizard", basePay = 1m, positionPay = 1m, gradeAllowance = 1m }) })).FieldErrorsAsync());
        Assert.Contains("rows[5].levelCode", await (await hr.PostAsJsonAsync(url, new { effectiveFrom = effective,
            rows = Rows().Append(new { levelCode = "Junior", basePay = 1m, positionPay = 1m, gradeAllowance = 1m }) })).FieldErrorsAsync());
        Assert.Contains("rows[5].levelCode", await (await hr.PostAsJsonAsync(url, new { effectiveFrom = effective,
            rows = Rows().Append(new { basePay = 1m, positionPay = 1m, gradeAllowance = 1m }) })).FieldErrorsAsync());
        Assert.Equal(["rows[0].basePay"], await (await hr.PostAsJsonAsync(url, new { effectiveFrom = effective,
            rows = Rows().Skip(1).Prepend(new { levelCode = "Trainee", basePay = -1m, positionPay = 200m, gradeAllowance = 100m }) })).FieldErrorsAsync());
        Assert.Equal(["rows[0].gradeAllowance"], await (await hr.PostAsJsonAsync(url, new { effectiveFrom = effective,
            rows = Rows().Skip(1).Prepend(new { levelCode = "Trainee", basePay = 1m, positionPay = 200m, gradeAllowance = 100.001m }) })).FieldErrorsAsync());
        Assert.Equal(["rows[1]"], await (await hr.PostAsJsonAsync(url, new { effectiveFrom = effective, rows = new object?[] { Rows()[0], null } })).FieldErrorsAsync());
        foreach (var user in new[] { "head", "gm", "admin", "engineer" })
        {
            using var client = app.ClientFor(user);
            await ProblemAsync(await client.PostAsJsonAsync(url, new { effectiveFrom = effective, rows = Rows(100m) }), HttpStatusCode.Forbidden);
        }

        Assert.Equal(before, await StoredTablesAsync());

        var added = await hr.PostAsJsonAsync(url, new { effectiveFrom = effective, rows = Rows(100m) });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var table = await added.ReadJsonAsync();
        Assert.Equal(effective.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), table.GetProperty("effectiveFrom").GetString());
        Assert.Equal("hr", table.GetProperty("createdBy").GetString());
        Assert.Equal(2400m, table.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("levelCode").GetString() == "Intermediate").GetProperty("basePay").GetDecimal());

        // One date holds one version: a second table on it is a conflict and the first is kept as it was.
        var stored = await StoredTablesAsync();
        var conflict = await ProblemAsync(await hr.PostAsJsonAsync(url, new { effectiveFrom = effective, rows = Rows(500m) }), HttpStatusCode.Conflict);
        Assert.Equal("pay_table_exists", conflict.GetProperty("code").GetString());
        Assert.Equal(stored, await StoredTablesAsync());
        var listed = (await (await hr.GetAsync(new Uri(url, UriKind.Relative))).ReadJsonAsync()).EnumerateArray()
            .Single(t => t.GetProperty("id").GetInt32() == table.GetProperty("id").GetInt32());
        Assert.Equal(2400m, listed.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("levelCode").GetString() == "Intermediate").GetProperty("basePay").GetDecimal());
        Assert.Contains(await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "StoredPayTable").Select(a => a.Reason).ToListAsync()),
            r => r!.Contains("grade pay table effective", StringComparison.Ordinal));
    }
}
