using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Domain.Returns;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Returns;
using ServiceMark.Web.Features.ServiceFacts;
using ServiceMark.Web.Features.Tickets;

namespace ServiceMark.Web.Tests.Returns;

/// <summary>
/// 退换货、返厂维修 (R-RMA-1, issue 14 point 7): received by the office, inspected and repaired by the person answering for it,
/// tested by someone else, sent back; seen by whom it concerns; and its first tests, promised days and turnaround scored.
/// </summary>
[Trait("Rule", "R-RMA-1")]
public sealed class ReturnTests(TestApp app) : IClassFixture<TestApp>
{
    /// <summary>The return facts' SQL on another provider's app (PostgresTests).</summary>
    internal static Task AddUpAsync(TestApp app) => new ReturnTests(app).The_facts_score_the_first_test_the_promised_day_and_the_turnaround();

    private static Task<T> OkAsync<T>(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK) => response.ExpectAsync<T>(expected);

    private DateOnly Today => app.Services.GetRequiredService<Infrastructure.CompanyClock>().Today;

    private Task<(int Customer, int Unit, string Serial)> UnitAsync() => app.WithDbAsync(async db =>
    {
        var unit = await db.ProductUnits.OrderBy(u => u.Id).FirstAsync();
        return (unit.CustomerId, unit.Id, unit.SerialNumber);
    });

    private async Task<ReturnView> ReceiveAsync(string responsible = "E0011", int receivedOffset = 0, int? dueOffset = null, string item = "门禁控制器")
    {
        using var specialist = app.ClientFor("specialist");
        var (customer, _, _) = await UnitAsync();
        var person = await new TicketDriver(app).PersonIdAsync(responsible);
        return await OkAsync<ReturnView>(await specialist.PostAsJsonAsync("/api/v1/returns", new
        {
            customerId = customer, item, serialNumber = $"T{Guid.NewGuid():N}"[..12], fault = "无法开机", receivedOn = Today.AddDays(receivedOffset),
            responsiblePersonId = person, dueOn = dueOffset is { } d ? Today.AddDays(d) : (DateOnly?)null,
        }), HttpStatusCode.Created);
    }

    private static async Task<ReturnView> StepAsync(HttpClient client, ReturnView r, string step, object body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await OkAsync<ReturnView>(await client.PostAsJsonAsync($"/api/v1/returns/{r.Id}/{step}", body), expected);

    [Fact]
    public async Task A_return_is_received_inspected_repaired_tested_by_the_office_and_sent_back()
    {
        using var specialist = app.ClientFor("specialist");
        using var engineer = app.ClientFor("engineer");
        using var colleague = app.ClientFor("engineer2");
        var (customer, unit, serial) = await UnitAsync();
        var me = await new TicketDriver(app).PersonIdAsync("E0011");

        // The unit fills in the item and serial number; the promise defaults to 15 days.
        var r = await OkAsync<ReturnView>(await specialist.PostAsJsonAsync("/api/v1/returns", new
        {
            customerId = customer, productUnitId = unit, fault = "仪表黑屏", responsiblePersonId = me,
        }), HttpStatusCode.Created);
        Assert.Equal((ReturnStatus.Received, serial, Today, Today.AddDays(15), "马超"), (r.Status, r.SerialNumber, r.ReceivedOn, r.DueOn, r.ResponsibleName));
        Assert.False(string.IsNullOrEmpty(r.Item));
        Assert.StartsWith("FX", r.Number);

        // A colleague neither sees nor works on it; the engineer answering for it inspects and repairs.
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync(new Uri($"/api/v1/returns/{r.Id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.PostAsJsonAsync($"/api/v1/returns/{r.Id}/inspect",
            new { version = r.Version, finding = "x", decision = "Repair" })).StatusCode);
        r = await StepAsync(engineer, r, "inspect", new { version = r.Version, finding = "背光板损坏", decision = "Repair" });
        r = await StepAsync(engineer, r, "repair", new { version = r.Version, work = "更换背光板" });
        Assert.Equal(ReturnStatus.Repaired, r.Status);

        // The engineer does not test (the office does); a failed test sends it back to repair.
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync($"/api/v1/returns/{r.Id}/test", new { version = r.Version, passed = true })).StatusCode);
        r = await StepAsync(specialist, r, "test", new { version = r.Version, passed = false, note = "亮度不足" });
        Assert.Equal(ReturnStatus.Inspected, r.Status);
        r = await StepAsync(engineer, r, "repair", new { version = r.Version, work = "更换背光板与驱动" });
        r = await StepAsync(specialist, r, "test", new { version = r.Version, passed = true });
        r = await StepAsync(specialist, r, "ship", new { version = r.Version, reference = "顺丰 SF1234567890" });

        Assert.Equal((ReturnStatus.ShippedBack, 0, false), (r.Status, r.TurnaroundDays, r.Overdue));
        Assert.Equal([false, true], r.Tests.Select(t => t.Passed));
        var completed = await OkAsync<Features.Organisation.PageOf<ReturnSummary>>(await engineer.GetAsync(new Uri("/api/v1/returns?filter=Completed", UriKind.Relative)));
        Assert.Contains(completed.Items, x => x.Id == r.Id);
        var others = await OkAsync<Features.Organisation.PageOf<ReturnSummary>>(await colleague.GetAsync(new Uri("/api/v1/returns?filter=All", UriKind.Relative)));
        Assert.DoesNotContain(others.Items, x => x.Id == r.Id);
        var found = await OkAsync<Features.Organisation.PageOf<ReturnSummary>>(await specialist.GetAsync(new Uri($"/api/v1/returns?filter=All&search={r.Number}", UriKind.Relative)));
        Assert.Equal(r.Id, Assert.Single(found.Items).Id);
    }

    [Fact]
    public async Task Bad_input_names_its_fields_and_saves_nothing()
    {
        using var specialist = app.ClientFor("specialist");
        var before = await app.WithDbAsync(db => db.ProductReturns.CountAsync());
        var bad = await specialist.PostAsJsonAsync("/api/v1/returns", new
        {
            customerId = 999_999, item = " ", fault = "", responsiblePersonId = 0, receivedOn = Today.AddDays(1), dueOn = Today.AddDays(-3),
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["customerId", "dueOn", "fault", "item", "receivedOn", "responsiblePersonId"], (await bad.FieldErrorsAsync()).Order());
        Assert.Equal(before, await app.WithDbAsync(db => db.ProductReturns.CountAsync()));

        var r = await ReceiveAsync();
        var unknown = await specialist.PostAsJsonAsync($"/api/v1/returns/{r.Id}/polish", new { version = r.Version });
        Assert.Equal(["action"], await unknown.FieldErrorsAsync());
        var undecided = await specialist.PostAsJsonAsync($"/api/v1/returns/{r.Id}/inspect", new { version = r.Version, finding = "" });
        Assert.Equal(["decision", "finding"], (await undecided.FieldErrorsAsync()).Order());
        var early = await specialist.PostAsJsonAsync($"/api/v1/returns/{r.Id}/inspect", new { version = r.Version, finding = "x", decision = "Repair", on = Today.AddDays(-1) });
        Assert.Equal(["inspectedOn"], await early.FieldErrorsAsync());
        var wrongStep = await specialist.PostAsJsonAsync($"/api/v1/returns/{r.Id}/ship", new { version = r.Version, reference = "EMS" });
        Assert.Equal(HttpStatusCode.Conflict, wrongStep.StatusCode);
        var after = await OkAsync<ReturnView>(await specialist.GetAsync(new Uri($"/api/v1/returns/{r.Id}", UriKind.Relative)));
        Assert.Equal((ReturnStatus.Received, r.Version), (after.Status, after.Version));
    }

    [Fact]
    public async Task Only_the_office_and_the_warehouse_receive_and_nobody_tests_their_own_work()
    {
        using var engineer = app.ClientFor("engineer");
        using var hr = app.ClientFor("hr");
        using var supervisor = app.ClientFor("supervisor");
        using var warehouse = app.ClientFor("warehouse");
        var (customer, _, _) = await UnitAsync();
        var body = new { customerId = customer, item = "读卡器", fault = "不读卡", responsiblePersonId = await new TicketDriver(app).PersonIdAsync("E0005") };
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync("/api/v1/returns", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hr.GetAsync(new Uri("/api/v1/returns", UriKind.Relative))).StatusCode);

        // The warehouse receives one for the supervisor, who finds no fault: the supervisor may not pass it, the warehouse may.
        var r = await OkAsync<ReturnView>(await warehouse.PostAsJsonAsync("/api/v1/returns", body), HttpStatusCode.Created);
        r = await StepAsync(supervisor, r, "inspect", new { version = r.Version, finding = "未复现", decision = "NoFaultFound" });
        var own = await supervisor.PostAsJsonAsync($"/api/v1/returns/{r.Id}/test", new { version = r.Version, passed = true });
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Equal("self", (await own.ReadJsonAsync()).GetProperty("code").GetString());
        r = await StepAsync(warehouse, r, "test", new { version = r.Version, passed = true });
        Assert.Equal(ReturnStatus.Passed, r.Status);
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_and_of_steps_sent_at_once_one_wins()
    {
        using var specialist = app.ClientFor("specialist");
        var r = await ReceiveAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(n =>
            specialist.PostAsJsonAsync($"/api/v1/returns/{r.Id}/inspect", new { version = r.Version, finding = $"检测 {n}", decision = "Repair" })));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        Assert.Equal(HttpStatusCode.Conflict, (await specialist.PostAsJsonAsync($"/api/v1/returns/{r.Id}/repair", new { version = r.Version, work = "x" })).StatusCode);

        var cancelled = await ReceiveAsync();
        cancelled = await StepAsync(specialist, cancelled, "cancel", new { version = cancelled.Version, reason = "重复登记" });
        Assert.Equal(ReturnStatus.Cancelled, cancelled.Status);
        var open = await OkAsync<Features.Organisation.PageOf<ReturnSummary>>(await specialist.GetAsync(new Uri("/api/v1/returns?pageSize=100", UriKind.Relative)));
        Assert.DoesNotContain(open.Items, x => x.Id == cancelled.Id);
    }

    [Fact]
    public async Task The_facts_score_the_first_test_the_promised_day_and_the_turnaround()
    {
        using var specialist = app.ClientFor("specialist");
        using var engineer = app.ClientFor("engineer2");

        // A: back in 5 days, passed first time, on time. B: failed its first test, back after 20 days, 10 days late. C: not yet due.
        var a = await ReceiveAsync("E0017", -30, -20);
        a = await StepAsync(engineer, a, "inspect", new { version = a.Version, finding = "继电器粘连", decision = "Repair", on = Today.AddDays(-29) });
        a = await StepAsync(engineer, a, "repair", new { version = a.Version, work = "更换继电器", on = Today.AddDays(-28) });
        a = await StepAsync(specialist, a, "test", new { version = a.Version, passed = true, on = Today.AddDays(-27) });
        a = await StepAsync(specialist, a, "ship", new { version = a.Version, reference = "EMS 1", on = Today.AddDays(-25) });

        var b = await ReceiveAsync("E0017", -30, -20);
        b = await StepAsync(engineer, b, "inspect", new { version = b.Version, finding = "主板短路", decision = "Exchange", on = Today.AddDays(-29) });
        b = await StepAsync(engineer, b, "repair", new { version = b.Version, work = "换新机", replacementSerial = "NEW-1", on = Today.AddDays(-25) });
        b = await StepAsync(specialist, b, "test", new { version = b.Version, passed = false, note = "新机通讯故障", on = Today.AddDays(-24) });
        b = await StepAsync(engineer, b, "repair", new { version = b.Version, work = "再换新机", replacementSerial = "NEW-2", on = Today.AddDays(-15) });
        b = await StepAsync(specialist, b, "test", new { version = b.Version, passed = true, on = Today.AddDays(-12) });
        b = await StepAsync(specialist, b, "ship", new { version = b.Version, reference = "EMS 2", on = Today.AddDays(-10) });
        await ReceiveAsync("E0017", -5, 10);

        var person = await new TicketDriver(app).PersonIdAsync("E0017");
        await using var scope = app.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<ServiceFactsQueries>();
        var facts = (await queries.ForEachPersonAsync([person], Today.AddDays(-40), Today)).Value![person].ToDictionary(f => f.Code);

        var quality = facts[ReturnFactCodes.QualityPassRate];
        Assert.Equal((50.00m, 1, 2), (quality.Value, quality.Numerator, quality.Denominator));
        Assert.Equal([("return", b.Id, b.Number)], quality.EvidenceRecords!); // the one that failed
        var achieved = facts[ReturnFactCodes.TaskAchievement];
        Assert.Equal((50.00m, 1, 2), (achieved.Value, achieved.Numerator, achieved.Denominator));
        Assert.Equal([("return", b.Id, b.Number)], achieved.EvidenceRecords!);
        var turnaround = facts[ReturnFactCodes.Turnaround];
        Assert.Equal((12.5m, 2), (turnaround.Value, turnaround.Denominator));
    }
}
