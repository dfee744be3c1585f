using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Expenses;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Expenses;
using ServiceMark.Web.Features.Notifications;
using ServiceMark.Web.Features.Tickets;

namespace ServiceMark.Web.Tests.Expenses;

/// <summary>
/// Paid service and cash (R-TKT-5, issue 14 point 2): approved in the system before the report may charge it, the approval
/// the report's reference; cash handed over by the engineer, HR told, confirmed by HR and never by the engineer.
/// </summary>
[Trait("Rule", "R-TKT-5")]
public sealed class PaidServiceTests(TestApp app) : IClassFixture<TestApp>
{
    private static Task<T> OkAsync<T>(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK) => response.ExpectAsync<T>(expected);

    private static Task<HttpResponseMessage> ReportAsync(HttpClient engineer, TicketView ticket, decimal paid) =>
        engineer.PutAsJsonAsync($"/api/v1/tickets/{ticket.Id}/report", new
        {
            version = ticket.Version, findings = "车门玻璃被撞碎（人为损坏）", workDone = "更换车门玻璃", partsReplaced = Array.Empty<object>(), compensationAmount = 0m,
            oldPartsReturned = false, paidServiceAmount = paid, paidServiceApprovalReference = "口头同意",
        });

    [Fact]
    public async Task Paid_service_is_approved_before_the_report_charges_it_and_its_cash_is_confirmed_by_finance()
    {
        var driver = new TicketDriver(app);
        var ticket = await driver.CreateAsync("LZYTBGCK0R1000901");
        using (var dispatcher = app.ClientFor("specialist"))
        {
            ticket = await TicketDriver.ActAsync(dispatcher, ticket, "dispatch", new { engineerIds = new[] { await driver.PersonIdAsync("E0011") } });
        }

        using var engineer = app.ClientFor("engineer");
        using var engineer2 = app.ClientFor("engineer2");
        using var supervisor = app.ClientFor("supervisor");
        using var hr = app.ClientFor("hr");
        ticket = await TicketDriver.ActAsync(engineer, ticket, "accept");
        ticket = await TicketDriver.ActAsync(engineer, ticket, "arrive");
        ticket = await TicketDriver.ActAsync(engineer, ticket, "diagnose");

        // Charging without an approval — a typed reference is no approval — names the amount and saves nothing.
        Assert.Equal(["paidServiceAmount"], await (await ReportAsync(engineer, ticket, 380m)).FieldErrorsAsync());

        var url = $"/api/v1/tickets/{ticket.Id}/paid-service";
        Assert.Equal(["chargedFor", "amount"], await (await engineer.PostAsJsonAsync(url, new { amount = 0m, chargedFor = " " })).FieldErrorsAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await engineer2.PostAsJsonAsync(url, new { amount = 380m, chargedFor = "x" })).StatusCode); // not their ticket
        var asked = await OkAsync<TicketPaidServiceView>(await engineer.PostAsJsonAsync(url, new { amount = 380m, chargedFor = "非三包：人为损坏的车门玻璃" }));
        var request = asked.Requests.Single();
        Assert.Equal((PaidServiceStatus.Requested, "马超", 0m), (request.Status, request.RequestedBy, asked.Approved));
        var supervisorPerson = await driver.PersonIdAsync("E0005");
        Assert.True(await app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.RecipientPersonId == supervisorPerson && n.Kind == NotificationKind.PaidServiceRequested
            && n.TicketId == ticket.Id)));

        // The engineer cannot approve (no leader), a leader approves; a stale decision is a 409.
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync($"/api/v1/paid-services/{request.Id}/approve", new { version = request.Version })).StatusCode);
        Assert.Contains((await OkAsync<List<PaidServiceView>>(await supervisor.GetAsync(new Uri("/api/v1/paid-services/to-decide", UriKind.Relative)))), p => p.Id == request.Id);
        var approved = await OkAsync<TicketPaidServiceView>(await supervisor.PostAsJsonAsync($"/api/v1/paid-services/{request.Id}/approve", new { version = request.Version }));
        Assert.Equal((PaidServiceStatus.Approved, 380m), (approved.Requests.Single().Status, approved.Approved));
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PostAsJsonAsync($"/api/v1/paid-services/{request.Id}/reject", new { version = request.Version, note = "x" })).StatusCode);

        // More than approved is still refused; the approved amount is charged with the approval as its reference.
        ticket = await OkAsync<TicketView>(await engineer.GetAsync(new Uri($"/api/v1/tickets/{ticket.Id}", UriKind.Relative)));
        Assert.Equal(["paidServiceAmount"], await (await ReportAsync(engineer, ticket, 380.01m)).FieldErrorsAsync());
        ticket = await OkAsync<TicketView>(await ReportAsync(engineer, ticket, 380m));
        Assert.Equal($"PS-{request.Id}", ticket.Report!.PaidServiceApprovalReference);

        // The cash: handed over by the engineer (not more than approved), HR told, confirmed by HR only.
        var cashUrl = $"/api/v1/tickets/{ticket.Id}/cash-hand-overs";
        var today = app.Services.GetService(typeof(Infrastructure.CompanyClock)) is Infrastructure.CompanyClock c ? c.Today : default;
        Assert.Equal(["amount"], await (await engineer.PostAsJsonAsync(cashUrl, new { amount = 400m, collectedOn = today })).FieldErrorsAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsJsonAsync(cashUrl, new { amount = 380m, collectedOn = today })).StatusCode);
        var handed = await OkAsync<TicketPaidServiceView>(await engineer.PostAsJsonAsync(cashUrl, new { amount = 380m, collectedOn = today, receiptNumber = "收据 0088" }));
        var cash = handed.HandOvers.Single();
        var hrPerson = await driver.PersonIdAsync("E0025");
        Assert.True(await app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.RecipientPersonId == hrPerson && n.Kind == NotificationKind.CashHandOver && n.TicketId == ticket.Id)));
        Assert.Contains(await OkAsync<List<CashHandOverView>>(await hr.GetAsync(new Uri("/api/v1/cash-hand-overs/unconfirmed", UriKind.Relative))), h => h.Id == cash.Id);
        Assert.DoesNotContain(await OkAsync<List<CashHandOverView>>(await engineer2.GetAsync(new Uri("/api/v1/cash-hand-overs/unconfirmed", UriKind.Relative))), h => h.Id == cash.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync($"/api/v1/cash-hand-overs/{cash.Id}/confirm", new { version = cash.Version })).StatusCode);
        var confirmed = await OkAsync<CashHandOverView>(await hr.PostAsJsonAsync($"/api/v1/cash-hand-overs/{cash.Id}/confirm", new { version = cash.Version }));
        Assert.Equal((true, "曹琳"), (confirmed.Confirmed, confirmed.ConfirmedBy));
        Assert.Equal(HttpStatusCode.Conflict, (await hr.PostAsJsonAsync($"/api/v1/cash-hand-overs/{cash.Id}/confirm", new { version = confirmed.Version })).StatusCode);
        Assert.DoesNotContain(await OkAsync<List<CashHandOverView>>(await hr.GetAsync(new Uri("/api/v1/cash-hand-overs/unconfirmed", UriKind.Relative))), h => h.Id == cash.Id);
    }

    [Fact]
    public async Task A_leader_does_not_approve_their_own_request()
    {
        var driver = new TicketDriver(app);
        var ticket = await driver.CreateAsync("LZYTBGCK0R1000902");
        using var supervisor = app.ClientFor("supervisor");
        ticket = await TicketDriver.ActAsync(supervisor, ticket, "dispatch", new { engineerIds = new[] { await driver.PersonIdAsync("E0011") } });
        var asked = await OkAsync<TicketPaidServiceView>(await supervisor.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/paid-service", new { amount = 100m, chargedFor = "加装" }));
        var own = await supervisor.PostAsJsonAsync($"/api/v1/paid-services/{asked.Requests.Single().Id}/approve", new { version = asked.Requests.Single().Version });
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Equal("self", (await own.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.DoesNotContain(await OkAsync<List<PaidServiceView>>(await supervisor.GetAsync(new Uri("/api/v1/paid-services/to-decide", UriKind.Relative))),
            p => p.Id == asked.Requests.Single().Id);
    }
}
