using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Domain.Contracts;
using ServiceMark.Domain.Expenses;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Notifications;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Features.Reminders;
using ServiceMark.Web.Features.Returns;
using ServiceMark.Web.Infrastructure;

namespace ServiceMark.Web.Tests.Reminders;

/// <summary>
/// Late money and late returns are reminded of (issue 14 points 2, 5 and 7): cash handed over and not confirmed within two days
/// (to finance), an instalment past its due day and not paid (to the person answering for the contract), a return open after the
/// day promised (to the person answering for it) — once a round of seven days while it stays late, never twice in a round, even
/// from two runs at once, and no more once it is settled.
/// </summary>
[Trait("Rule", "R-TKT-5")]
public sealed class OverdueReminderTests(TestApp app) : IClassFixture<TestApp>
{
    private DateOnly Today => app.Services.GetRequiredService<CompanyClock>().Today;

    private Task<int> RunAsync() => app.Services.GetRequiredService<OverdueReminders>().SendDueAsync(TestContext.Current.CancellationToken);

    private Task<List<(int Recipient, int Round)>> SentAsync(OverdueKind kind, int subject) => app.WithDbAsync(async db =>
        (await db.OverdueReminders.Where(r => r.Kind == kind && r.SubjectId == subject).OrderBy(r => r.Round).ThenBy(r => r.RecipientPersonId)
            .Select(r => new { r.RecipientPersonId, r.Round }).ToListAsync()).Select(r => (r.RecipientPersonId, r.Round)).ToList());

    [Fact]
    public async Task Late_cash_receivables_and_returns_are_reminded_once_a_round_until_settled()
    {
        var driver = new TicketDriver(app);
        var (engineer, finance, supervisor) = (await driver.PersonIdAsync("E0011"), await driver.PersonIdAsync("E0025"), await driver.PersonIdAsync("E0005"));
        var ticket = await driver.CreateAsync();

        // ¥300.00 collected three days ago and handed over; finance has two days to confirm it.
        var cash = await app.WithDbAsync(async db =>
        {
            var h = CashHandOver.Record(app.Clock.GetUtcNow().UtcDateTime, Today, ticket.Id, engineer, 300m, Today.AddDays(-3), "SJ-0001").Value!;
            db.Actor = Infrastructure.Audit.Actor.System;
            db.CashHandOvers.Add(h);
            await db.SaveChangesAsync();
            return h.Id;
        });

        // An instalment of a contract in force, due yesterday and unpaid, answered for by the supervisor.
        var (instalment, contract) = await app.WithDbAsync(async db =>
        {
            var i = await (from x in db.ContractInstalments join c in db.MaintenanceContracts on x.ContractId equals c.Id
                           where c.Status == ContractStatus.Active && x.Collected < x.Amount select new { x.Id, x.ContractId }).FirstAsync();
            await db.ContractInstalments.Where(x => x.Id == i.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.DueOn, Today.AddDays(-1)));
            await db.MaintenanceContracts.Where(c => c.Id == i.ContractId).ExecuteUpdateAsync(s => s.SetProperty(c => c.ResponsiblePersonId, supervisor));
            return (i.Id, i.ContractId);
        });

        // A return promised for yesterday, still being repaired by 马超; one promised for tomorrow is not late.
        using var specialist = app.ClientFor("specialist");
        var customer = await app.WithDbAsync(db => db.Customers.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        async Task<ReturnView> ReceiveAsync(int received, int due) => await (await specialist.PostAsJsonAsync("/api/v1/returns", new
        {
            customerId = customer, item = "门禁控制器", serialNumber = $"T{Guid.NewGuid():N}"[..12], fault = "无法开机", receivedOn = Today.AddDays(received),
            responsiblePersonId = engineer, dueOn = Today.AddDays(due),
        })).ExpectAsync<ReturnView>(HttpStatusCode.Created);
        var late = await ReceiveAsync(-10, -1);
        var onTime = await ReceiveAsync(-1, 1);

        Assert.True(await RunAsync() >= 3);
        var financePeople = (await SentAsync(OverdueKind.UnconfirmedCash, cash)).Select(s => s.Recipient).ToList();
        Assert.Contains(finance, financePeople);
        Assert.All(await SentAsync(OverdueKind.UnconfirmedCash, cash), s => Assert.Equal(0, s.Round));
        Assert.Equal([(supervisor, 0)], await SentAsync(OverdueKind.InstalmentOverdue, instalment));
        Assert.Equal([(engineer, 0)], await SentAsync(OverdueKind.ReturnOverdue, late.Id));
        Assert.Empty(await SentAsync(OverdueKind.ReturnOverdue, onTime.Id));

        // The same day again, twice at once: nothing new.
        await Task.WhenAll(RunAsync(), RunAsync());
        Assert.Equal(financePeople.Count, (await SentAsync(OverdueKind.UnconfirmedCash, cash)).Count);
        Assert.Single(await SentAsync(OverdueKind.ReturnOverdue, late.Id));

        // Each reads it in their inbox, in Chinese, opening the page to act on.
        using (var hr = app.ClientFor("hr"))
        {
            var inbox = await (await hr.GetAsync(new Uri("/api/v1/notifications", UriKind.Relative))).ExpectAsync<PageOf<NotificationView>>();
            var shown = inbox.Items.First(n => n.Kind == NotificationKind.UnconfirmedCash && n.TicketId == ticket.Id);
            Assert.Equal(("/expenses", $"工单 {ticket.Number} 的现金已交回 3 天仍未确认"), (shown.Link, shown.Title));
            Assert.Contains("¥300.00", shown.Body, StringComparison.Ordinal);
        }

        using (var supervisorClient = app.ClientFor("supervisor"))
        {
            var inbox = await (await supervisorClient.GetAsync(new Uri("/api/v1/notifications", UriKind.Relative))).ExpectAsync<PageOf<NotificationView>>();
            Assert.Equal($"/contracts/{contract}", inbox.Items.First(n => n.Kind == NotificationKind.InstalmentOverdue).Link);
        }

        // Finance confirms the cash; a week later the receivable and the return are reminded again (once, from two runs at once), the cash no more.
        using (var hr = app.ClientFor("hr"))
        {
            var version = await app.WithDbAsync(db => db.CashHandOvers.Where(h => h.Id == cash).Select(h => h.Version).SingleAsync());
            var confirmed = await hr.PostAsJsonAsync($"/api/v1/cash-hand-overs/{cash}/confirm", new { version });
            Assert.True(confirmed.IsSuccessStatusCode, await confirmed.Content.ReadAsStringAsync());
        }

        app.Clock.Advance(TimeSpan.FromDays(7));
        await Task.WhenAll(RunAsync(), RunAsync());
        Assert.All(await SentAsync(OverdueKind.UnconfirmedCash, cash), s => Assert.Equal(0, s.Round));
        Assert.Equal([(supervisor, 0), (supervisor, 1)], await SentAsync(OverdueKind.InstalmentOverdue, instalment));
        Assert.Equal([(engineer, 0), (engineer, 1)], await SentAsync(OverdueKind.ReturnOverdue, late.Id));
        Assert.Equal([(engineer, 0)], await SentAsync(OverdueKind.ReturnOverdue, onTime.Id)); // late since yesterday: its first round
    }
}
