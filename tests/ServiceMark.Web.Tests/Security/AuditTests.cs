using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Infrastructure.Audit;

namespace ServiceMark.Web.Tests.Security;

public sealed class AuditTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task A_change_writes_who_when_what_before_after_and_why()
    {
        using var hr = app.ClientFor("hr");
        var id = await app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == "E0030").Select(p => p.Id).SingleAsync());
        var person = await hr.GetFromJsonAsync<PersonView>($"/api/v1/people/{id}", Json.Options);
        var response = await hr.PostAsJsonAsync($"/api/v1/people/{id}/deactivate", new { reason = "合同到期\r\nforged line", version = person!.Version });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var entry = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "Person" && a.EntityId == id.ToString() && a.Action == "Modified")
            .OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal("hr", entry.ActorName);
        Assert.Equal("合同到期\r\nforged line", entry.Reason); // stored as one value: a CR/LF cannot forge a second row
        Assert.Contains("\"IsActive\":true", entry.BeforeJson, StringComparison.Ordinal);
        Assert.Contains("\"IsActive\":false", entry.AfterJson, StringComparison.Ordinal);
        Assert.True(entry.OccurredAtUtc > app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1));
    }

    [Fact]
    public async Task A_tickets_audit_leaves_out_the_durations_the_database_derives()
    {
        var ticket = await new TicketDriver(app).CloseAsync(await new TicketDriver(app).CreateAsync("LZYTBGCK0A1000901"));
        var entries = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "ServiceTicket" && a.EntityId == ticket.Id.ToString())
            .Select(a => (a.BeforeJson ?? "") + (a.AfterJson ?? "")).ToListAsync());
        Assert.NotEmpty(entries);
        Assert.All(entries, json =>
        {
            Assert.Contains("\"ResolvedAtUtc\"", json, StringComparison.Ordinal);
            Assert.DoesNotContain("Ticks\"", json, StringComparison.Ordinal); // ResponseTicks, ResolutionTicks, …: not known before the write
        });
    }

    [Fact]
    public async Task Admin_searches_the_log_and_others_may_not()
    {
        using var admin = app.ClientFor("admin");
        var result = await (await admin.GetAsync(new Uri("/api/v1/audit?entityType=Person&pageSize=5", UriKind.Relative))).ReadJsonAsync();
        Assert.True(result.GetProperty("total").GetInt32() >= 30); // the demo seed is audited too
        Assert.Equal(5, result.GetProperty("items").GetArrayLength());
        using var hr = app.ClientFor("hr");
        Assert.Equal(HttpStatusCode.Forbidden, (await hr.GetAsync(new Uri("/api/v1/audit", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_audit_rows()
    {
        var count = await app.WithDbAsync(db => db.AuditEntries.CountAsync());
        // The trigger's own refusal (RAISE(ABORT, …)), not any error such as a syntax error or a locked file.
        foreach (var sql in new[] { "UPDATE \"AuditEntries\" SET \"ActorName\" = 'someone else'", "DELETE FROM \"AuditEntries\"" })
        {
            var refused = await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql)));
            Assert.Contains("The audit log is append-only.", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal(count, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.ActorName == "someone else")));
    }

    [Fact]
    public async Task The_data_layer_refuses_to_change_audit_rows()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.FirstAsync();
            db.AuditEntries.Remove(entry);
            return await db.SaveChangesAsync();
        }));
    }

    [Fact]
    public async Task An_audited_change_without_an_actor_is_a_bug_not_a_silent_gap()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            db.OrgUnits.Add(ServiceMark.Domain.Organisation.OrgUnit.Create(ServiceMark.Domain.Organisation.OrgUnitKind.Department, "NOACTOR", "无名", null, null));
            return await db.SaveChangesAsync();
        }));
        Assert.False(await app.WithDbAsync(db => db.OrgUnits.AnyAsync(u => u.Code == "NOACTOR")));
    }

    [Fact]
    public void Audit_rows_cannot_be_changed_in_code_once_created() =>
        Assert.All(typeof(AuditEntry).GetProperties(), p => Assert.Contains(
            typeof(System.Runtime.CompilerServices.IsExternalInit), p.SetMethod!.ReturnParameter.GetRequiredCustomModifiers()));
}
