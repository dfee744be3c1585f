using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Domain.Contracts;
using ServiceMark.Domain.Tickets;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Contracts;
using ServiceMark.Web.Features.ServiceFacts;
using ServiceMark.Web.Features.Tickets;

namespace ServiceMark.Web.Tests.Contracts;

/// <summary>
/// 维保合同 (R-EXP-2, issue 14 point 5): drafted by the service office, put in force by the head, its visits opened as tickets
/// exactly once, its payments and invoices recorded by finance, its receivables aged, and its amount and collection scored.
/// </summary>
[Trait("Rule", "R-EXP-2")]
public sealed class ContractTests(TestApp app) : IClassFixture<TestApp>
{
    /// <summary>The contract facts' SQL on another provider's app (PostgresTests).</summary>
    internal static Task AddUpAsync(TestApp app) => new ContractTests(app).The_facts_score_the_amount_signed_and_the_money_paid_by_its_due_date();

    private static Task<T> OkAsync<T>(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK) => response.ExpectAsync<T>(expected);

    private DateOnly Today => app.Services.GetRequiredService<Infrastructure.CompanyClock>().Today;

    /// <summary>A demo customer that has a unit, a contact with a phone and a site.</summary>
    private Task<(int Customer, int Unit)> CustomerAsync() => app.WithDbAsync(async db =>
    {
        var unit = await db.ProductUnits.Where(u => db.Customers.Any(c => c.Id == u.CustomerId && c.IsActive && c.Sites.Any() && c.Contacts.Any(x => x.Phone != null)))
            .OrderBy(u => u.Id).FirstAsync();
        return (unit.CustomerId, unit.Id);
    });

    private async Task<object> TermsAsync(string number, string responsible = "E0011", int startOffset = 0, int signOffset = -5, decimal amount = 48_000m,
        object[]? instalments = null)
    {
        var (customer, unit) = await CustomerAsync();
        var person = await new TicketDriver(app).PersonIdAsync(responsible);
        var start = Today.AddDays(startOffset);
        return new
        {
            number, customerId = customer, responsiblePersonId = person, signedOn = Today.AddDays(signOffset), startsOn = start, endsOn = start.AddYears(1).AddDays(-1),
            amount, visitIntervalMonths = 3, visitLeadDays = 0, unitIds = new[] { unit },
            instalments = instalments ?? [new { dueOn = start.AddDays(10), amount = amount / 2 }, new { dueOn = start.AddMonths(6), amount = amount / 2 }],
            note = "每季度巡检一次",
        };
    }

    private static async Task<ContractView> ActAsync(HttpClient client, ContractView c, string action, object? extra = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = extra ?? new { version = c.Version };
        return await OkAsync<ContractView>(await client.PostAsJsonAsync($"/api/v1/maintenance-contracts/{c.Id}/{action}", body), expected);
    }

    private async Task<ContractView> ActiveAsync(string number, string responsible = "E0011", int startOffset = 0, int signOffset = -5, object[]? instalments = null)
    {
        using var specialist = app.ClientFor("specialist");
        using var head = app.ClientFor("head");
        var drafted = await OkAsync<ContractView>(await specialist.PostAsJsonAsync("/api/v1/maintenance-contracts",
            await TermsAsync(number, responsible, startOffset, signOffset, instalments: instalments)), HttpStatusCode.Created);
        return await ActAsync(head, drafted, "activate");
    }

    [Fact]
    public async Task A_contract_is_drafted_by_the_office_put_in_force_by_the_head_and_lays_out_its_visits()
    {
        using var specialist = app.ClientFor("specialist");
        using var head = app.ClientFor("head");
        using var engineer = app.ClientFor("engineer");
        var terms = await TermsAsync("wb-t-001");
        var drafted = await OkAsync<ContractView>(await specialist.PostAsJsonAsync("/api/v1/maintenance-contracts", terms), HttpStatusCode.Created);
        Assert.Equal(("WB-T-001", ContractStatus.Draft, "马超", 2), (drafted.Number, drafted.Status, drafted.ResponsibleName, drafted.Instalments.Count));
        Assert.Empty(drafted.Visits);

        // An engineer neither drafts nor puts in force; the same number again is a conflict.
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync("/api/v1/maintenance-contracts", terms)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync($"/api/v1/maintenance-contracts/{drafted.Id}/activate", new { version = drafted.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await specialist.PostAsJsonAsync("/api/v1/maintenance-contracts", terms)).StatusCode);

        var active = await ActAsync(head, drafted, "activate");
        Assert.Equal((ContractStatus.Active, "陈志强"), (active.Status, active.ActivatedBy));
        Assert.Equal([Today, Today.AddMonths(3), Today.AddMonths(6), Today.AddMonths(9)], active.Visits.Select(v => v.DueOn));

        // In force, its terms stay; a stale step is a 409; the engineer sees the contract they answer for.
        Assert.Equal(HttpStatusCode.Conflict, (await specialist.PutAsJsonAsync($"/api/v1/maintenance-contracts/{active.Id}", terms)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await head.PostAsJsonAsync($"/api/v1/maintenance-contracts/{active.Id}/terminate",
            new { version = drafted.Version, terminatedOn = Today.AddMonths(4), reason = "设备出售" })).StatusCode);
        Assert.Equal(active.Id, (await OkAsync<ContractView>(await engineer.GetAsync(new Uri($"/api/v1/maintenance-contracts/{active.Id}", UriKind.Relative)))).Id);

        // Terminated after four months: the visits not yet opened from then on are dropped.
        var ended = await ActAsync(specialist, active, "terminate", new { version = active.Version, terminatedOn = Today.AddMonths(4), reason = "客户设备出售" });
        Assert.Equal((ContractStatus.Terminated, 2), (ended.Status, ended.Visits.Count));
    }

    [Fact]
    public async Task Bad_terms_name_their_field_and_change_nothing()
    {
        using var specialist = app.ClientFor("specialist");
        var before = await app.WithDbAsync(db => db.MaintenanceContracts.CountAsync());
        var (customer, unit) = await CustomerAsync();
        var person = await new TicketDriver(app).PersonIdAsync("E0011");
        var otherUnit = await app.WithDbAsync(db => db.ProductUnits.Where(u => u.CustomerId != customer).Select(u => u.Id).FirstAsync());
        object Terms(decimal amount, int[] units, string? number = "WB-BAD", string? endsOn = null) => new
        {
            number, customerId = customer, responsiblePersonId = person, signedOn = Today, startsOn = Today, endsOn = endsOn ?? Today.AddYears(1).ToString("yyyy-MM-dd"),
            amount, visitIntervalMonths = 3, visitLeadDays = 7, unitIds = units, instalments = new[] { new { dueOn = Today.AddDays(30), amount = 1000m } },
        };
        Assert.Equal(["instalments"], await (await specialist.PostAsJsonAsync("/api/v1/maintenance-contracts", Terms(1000.01m, [unit]))).FieldErrorsAsync());
        Assert.Equal(["unitIds"], await (await specialist.PostAsJsonAsync("/api/v1/maintenance-contracts", Terms(1000m, [otherUnit]))).FieldErrorsAsync());
        Assert.Equal(["number", "endsOn", "instalments[0].dueOn"], await (await specialist.PostAsJsonAsync("/api/v1/maintenance-contracts",
            Terms(1000m, [unit], " ", Today.ToString("yyyy-MM-dd")))).FieldErrorsAsync());
        Assert.Equal(["signedOn", "startsOn", "endsOn"], await (await specialist.PostAsJsonAsync("/api/v1/maintenance-contracts",
            new { number = "WB-BAD", customerId = customer, responsiblePersonId = person, amount = 1m, instalments = new[] { new { dueOn = Today, amount = 1m } } }))
            .FieldErrorsAsync());
        Assert.Equal(before, await app.WithDbAsync(db => db.MaintenanceContracts.CountAsync()));
    }

    [Fact]
    public async Task Nobody_puts_in_force_or_records_the_payments_of_a_contract_they_answer_for()
    {
        using var specialist = app.ClientFor("specialist");
        using var head = app.ClientFor("head");
        var own = await OkAsync<ContractView>(await specialist.PostAsJsonAsync("/api/v1/maintenance-contracts",
            await TermsAsync("WB-T-SELF", responsible: await HeadNumberAsync())), HttpStatusCode.Created);
        var refused = await head.PostAsJsonAsync($"/api/v1/maintenance-contracts/{own.Id}/activate", new { version = own.Version });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("self", (await refused.ReadJsonAsync()).GetProperty("code").GetString());

        // The specialist answers for this one: the head puts it in force, the specialist may not record its money.
        var specialists = await OkAsync<ContractView>(await specialist.PostAsJsonAsync("/api/v1/maintenance-contracts",
            await TermsAsync("WB-T-SELF2", responsible: await SpecialistNumberAsync())), HttpStatusCode.Created);
        specialists = await ActAsync(head, specialists, "activate");
        var payment = await specialist.PostAsJsonAsync($"/api/v1/maintenance-contracts/{specialists.Id}/payments",
            new { version = specialists.Version, receivedOn = Today, amount = 100m });
        Assert.Equal(HttpStatusCode.Forbidden, payment.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.ContractPayments.CountAsync(p => p.ContractId == specialists.Id)));
    }

    private Task<string> HeadNumberAsync() => app.WithDbAsync(db =>
        db.People.Where(p => p.Name == "陈志强").Select(p => p.EmployeeNumber).SingleAsync());

    private Task<string> SpecialistNumberAsync() => app.WithDbAsync(db =>
        db.Users.Where(u => u.UserName == "specialist").Join(db.People, u => u.PersonId, p => (int?)p.Id, (u, p) => p.EmployeeNumber).SingleAsync());

    [Fact]
    public async Task Payments_settle_the_oldest_instalment_first_and_the_receivables_are_aged()
    {
        using var hr = app.ClientFor("hr");
        using var engineer = app.ClientFor("engineer");
        using var engineer2 = app.ClientFor("engineer2");
        var contract = await ActiveAsync("WB-T-PAY", startOffset: -40, signOffset: -45);
        var first = contract.Instalments[0];
        Assert.Equal(30, first.DaysOverdue); // due 10 days after a start 40 days ago

        var paid = await OkAsync<ContractView>(await hr.PostAsJsonAsync($"/api/v1/maintenance-contracts/{contract.Id}/payments",
            new { version = contract.Version, receivedOn = Today, amount = 30_000m, reference = "银行回单 0012" }));
        Assert.Equal((0m, 18_000m, 30_000m), (paid.Instalments[0].Outstanding, paid.Instalments[1].Outstanding, paid.Collected));
        Assert.Equal(("银行回单 0012", "曹琳"), (paid.Payments.Single().Reference, paid.Payments.Single().RecordedBy));

        // More than is owed, a stale version, a day to come: refused, nothing recorded.
        Assert.Equal(["amount"], await (await hr.PostAsJsonAsync($"/api/v1/maintenance-contracts/{contract.Id}/payments",
            new { version = paid.Version, receivedOn = Today, amount = 18_000.01m })).FieldErrorsAsync());
        Assert.Equal(["receivedOn"], await (await hr.PostAsJsonAsync($"/api/v1/maintenance-contracts/{contract.Id}/payments",
            new { version = paid.Version, receivedOn = Today.AddDays(1), amount = 1m })).FieldErrorsAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await hr.PostAsJsonAsync($"/api/v1/maintenance-contracts/{contract.Id}/payments",
            new { version = contract.Version, receivedOn = Today, amount = 1m })).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.ContractPayments.CountAsync(p => p.ContractId == contract.Id)));

        // The invoice of the second instalment; the engineer cannot record it.
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PutAsJsonAsync($"/api/v1/maintenance-contracts/{contract.Id}/instalments/2/invoice",
            new { version = paid.Version, invoiceNumber = "No.1", invoicedOn = Today })).StatusCode);
        var invoiced = await OkAsync<ContractView>(await hr.PutAsJsonAsync($"/api/v1/maintenance-contracts/{contract.Id}/instalments/2/invoice",
            new { version = paid.Version, invoiceNumber = "No.04471290", invoicedOn = Today }));
        Assert.Equal(("No.04471290", paid.Version + 1), (invoiced.Instalments[1].InvoiceNumber, invoiced.Version));

        // The receivables: what is still owed; the engineer sees only their own contracts' and a colleague none of them.
        var owed = await OkAsync<ReceivablesPage>(await hr.GetAsync(new Uri("/api/v1/receivables?pageSize=200", UriKind.Relative)));
        var mine = owed.Items.Single(r => r.ContractId == contract.Id);
        Assert.Equal((2, 18_000m, AgeBucket.NotDue, "No.04471290"), (mine.Sequence, mine.Outstanding, mine.Age, mine.InvoiceNumber));
        Assert.Contains((await OkAsync<ReceivablesPage>(await engineer.GetAsync(new Uri("/api/v1/receivables", UriKind.Relative)))).Items, r => r.ContractId == contract.Id);
        Assert.DoesNotContain((await OkAsync<ReceivablesPage>(await engineer2.GetAsync(new Uri("/api/v1/receivables", UriKind.Relative)))).Items, r => r.ContractId == contract.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await engineer2.GetAsync(new Uri($"/api/v1/maintenance-contracts/{contract.Id}", UriKind.Relative))).StatusCode);

        var export = await hr.GetAsync(new Uri("/api/v1/receivables/export", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["from"], await (await hr.GetAsync(new Uri("/api/v1/receivables/collection", UriKind.Relative))).FieldErrorsAsync());
    }

    [Fact]
    public async Task Eight_payments_at_once_on_one_version_record_one_and_conflict_the_rest()
    {
        using var hr = app.ClientFor("hr");
        var contract = await ActiveAsync("WB-T-RACE");
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => hr.PostAsJsonAsync($"/api/v1/maintenance-contracts/{contract.Id}/payments",
            new { version = contract.Version, receivedOn = Today, amount = 1_000m })));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        var after = await OkAsync<ContractView>(await hr.GetAsync(new Uri($"/api/v1/maintenance-contracts/{contract.Id}", UriKind.Relative)));
        Assert.Equal((1_000m, 1), (after.Collected, after.Payments.Count));
    }

    [Fact]
    public async Task The_facts_score_the_amount_signed_and_the_money_paid_by_its_due_date()
    {
        using var hr = app.ClientFor("hr");

        // Started 40 days ago: ¥24 000 fell due 30 days ago; ¥6 000 was paid then, the rest today (late). ¥24 000 falls due later.
        var start = -40;
        var contract = await ActiveAsync("WB-T-FACT", startOffset: start, signOffset: -45);
        var due = contract.Instalments[0].DueOn;
        contract = await OkAsync<ContractView>(await hr.PostAsJsonAsync($"/api/v1/maintenance-contracts/{contract.Id}/payments",
            new { version = contract.Version, receivedOn = due, amount = 6_000m }));
        contract = await OkAsync<ContractView>(await hr.PostAsJsonAsync($"/api/v1/maintenance-contracts/{contract.Id}/payments",
            new { version = contract.Version, receivedOn = Today, amount = 18_000m }));

        var person = await new TicketDriver(app).PersonIdAsync("E0011");
        await using var scope = app.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<ServiceFactsQueries>();
        var facts = (await queries.ForEachPersonAsync([person], Today.AddDays(-50), Today)).Value![person].ToDictionary(f => f.Code);
        var amount = facts[ContractFactCodes.ContractAmount];
        Assert.True(amount.Value >= 48_000m);
        Assert.Contains(("contract", contract.Id, "WB-T-FACT"), amount.EvidenceRecords!);

        // Of this contract's instalments only the first fell due; other tests' contracts of 马超 count too, so compare with the API's per-person view.
        var rate = facts[ContractFactCodes.CollectionRate];
        var collection = await OkAsync<List<CollectionByPerson>>(await hr.GetAsync(new Uri(
            $"/api/v1/receivables/collection?from={Today.AddDays(-50):yyyy-MM-dd}&to={Today.AddDays(-1):yyyy-MM-dd}", UriKind.Relative)));
        Assert.Equal(collection.Single(c => c.PersonId == person).Rate, rate.Value);
        Assert.Contains(("contract", contract.Id, "WB-T-FACT"), rate.EvidenceRecords!); // short of its due on time: listed

        // Alone, this contract's rate is 6 000 ÷ 24 000.
        var alone = await app.WithDbAsync(db => db.PaymentAllocations.Where(a => a.InstalmentId == contract.Instalments[0].Id && a.ReceivedOn <= a.DueOn).SumAsync(a => a.Amount));
        Assert.Equal(25.00m, Receivables.CollectionRate([new DueInstalment(24_000m, alone)]));
    }

    [Fact]
    public async Task A_visit_is_signed_only_once_its_maintenance_record_answers_every_checklist_item()
    {
        using var head = app.ClientFor("head");
        using var engineer = app.ClientFor("engineer");
        using var engineer2 = app.ClientFor("engineer2");

        // The department's checklist (for units of a model without one of its own): kept by the office, not by an engineer.
        var lists = await OkAsync<List<ChecklistView>>(await head.GetAsync(new Uri("/api/v1/maintenance-checklists", UriKind.Relative)));
        var department = lists.Single(l => l.ProductModelId == MaintenanceRecords.DepartmentChecklist);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PutAsJsonAsync("/api/v1/maintenance-checklists/0", new { items = new[] { "制动系统" }, version = department.Version })).StatusCode);
        Assert.Equal(["items"], await (await head.PutAsJsonAsync("/api/v1/maintenance-checklists/0", new { items = Array.Empty<string>(), version = department.Version })).FieldErrorsAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await head.PutAsJsonAsync("/api/v1/maintenance-checklists/987654", new { items = new[] { "x" }, version = 0 })).StatusCode);
        var models = lists.Where(l => l.ProductModelId != 0).Select(l => l.ProductModelId).ToList();
        foreach (var model in models.Prepend(0))
        {
            var current = lists.Single(l => l.ProductModelId == model);
            await OkAsync<ChecklistView>(await head.PutAsJsonAsync($"/api/v1/maintenance-checklists/{model}", new { items = new[] { "制动系统", "空调滤网" }, version = current.Version }));
        }

        Assert.Equal(HttpStatusCode.Conflict, (await head.PutAsJsonAsync("/api/v1/maintenance-checklists/0", new { items = new[] { "x" }, version = department.Version })).StatusCode);

        var contract = await ActiveAsync("WB-T-REC");
        await app.Services.GetRequiredService<ContractVisitScheduler>().OpenDueAsync(CancellationToken.None);
        var ticketId = await app.WithDbAsync(db => db.PlannedVisits.Where(v => v.ContractId == contract.Id && v.TicketId != null).Select(v => v.TicketId!.Value).SingleAsync());
        using var specialist = app.ClientFor("specialist");
        var ticket = await OkAsync<TicketView>(await specialist.GetAsync(new Uri($"/api/v1/tickets/{ticketId}", UriKind.Relative)));
        ticket = await new TicketDriver(app).ResolveAsync(ticket);

        var refused = await TicketDriver.SignReportAsync(engineer, ticket);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("maintenance_record_incomplete", (await refused.ReadJsonAsync()).GetProperty("code").GetString());

        var url = $"/api/v1/tickets/{ticketId}/maintenance-record";
        Assert.Equal(HttpStatusCode.NotFound, (await engineer2.GetAsync(new Uri(url, UriKind.Relative))).StatusCode); // not theirs
        var record = await OkAsync<MaintenanceRecordView>(await engineer.GetAsync(new Uri(url, UriKind.Relative)));
        Assert.Equal(("制动系统,空调滤网", false, true), (string.Join(",", record.Items), record.Complete, record.Editable));
        Assert.Equal(["results[1].note"], await (await engineer.PutAsJsonAsync(url, new
        {
            version = 0, results = new[] { new { item = "制动系统", outcome = "Normal", note = (string?)null }, new { item = "空调滤网", outcome = "Replaced", note = (string?)null } },
        })).FieldErrorsAsync());
        record = await OkAsync<MaintenanceRecordView>(await engineer.PutAsJsonAsync(url, new
        {
            version = 0, results = new[] { new { item = "制动系统", outcome = "Normal", note = (string?)null }, new { item = "空调滤网", outcome = "Replaced", note = (string?)"更换滤网" } },
        }));
        Assert.Equal((true, "engineer"), (record.Complete, record.RecordedBy));
        Assert.Equal(HttpStatusCode.Conflict, (await engineer.PutAsJsonAsync(url, new { version = 0, results = Array.Empty<object>() })).StatusCode); // stale

        Assert.Equal(HttpStatusCode.OK, (await TicketDriver.SignReportAsync(engineer, ticket)).StatusCode);
        Assert.False((await OkAsync<MaintenanceRecordView>(await engineer.GetAsync(new Uri(url, UriKind.Relative)))).Editable);
        Assert.Equal(HttpStatusCode.Conflict, (await engineer.PutAsJsonAsync(url, new
        {
            version = record.Version, results = new[] { new { item = "制动系统", outcome = "Normal", note = (string?)null }, new { item = "空调滤网", outcome = "Normal", note = (string?)null } },
        })).StatusCode); // kept once signed
    }

    [Fact]
    public async Task Each_visit_becomes_one_ticket_however_often_and_on_however_many_instances_the_scheduler_runs()
    {
        var contract = await ActiveAsync("WB-T-VISIT");
        var scheduler = app.Services.GetRequiredService<ContractVisitScheduler>();

        // A crash after the ticket was created and before the visit was marked: the ticket exists under the visit's key.
        var visit = contract.Visits[0];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var creation = scope.ServiceProvider.GetRequiredService<TicketCreation>();
            var system = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, ContractVisitScheduler.SchedulerUserId)], "system"));
            var (customer, _) = await CustomerAsync();
            var site = await app.WithDbAsync(db => db.Customers.Where(c => c.Id == customer).SelectMany(c => c.Sites).Select(s => s.Address).FirstAsync());
            Assert.True((await creation.CreateAsync(new CreateTicketRequest(customer, "王经理", "13800138000", site, 5m, null, null, null, "Maintenance", "巡检",
                "Normal", "Planned"), system, $"planned-visit-{visit.Id}")).Succeeded);
        }

        // Two instances at once, then again: each visit due today is one ticket, the one made before the crash.
        await Task.WhenAll(scheduler.OpenDueAsync(CancellationToken.None), scheduler.OpenDueAsync(CancellationToken.None));
        await scheduler.OpenDueAsync(CancellationToken.None);
        var visits = await app.WithDbAsync(db => db.PlannedVisits.Where(v => v.ContractId == contract.Id).OrderBy(v => v.DueOn).ToListAsync());
        Assert.NotNull(visits[0].TicketId);
        Assert.All(visits.Skip(1), v => Assert.Null(v.TicketId)); // not yet their day
        var keyed = await app.WithDbAsync(db => db.IdempotencyRecords.Where(r => r.UserId == ContractVisitScheduler.SchedulerUserId && r.Key == $"planned-visit-{visit.Id}")
            .Select(r => r.ResourceId).ToListAsync());
        Assert.Equal([visits[0].TicketId!.Value], keyed);

        using var specialist = app.ClientFor("specialist");
        var ticket = await OkAsync<TicketView>(await specialist.GetAsync(new Uri($"/api/v1/tickets/{visits[0].TicketId}", UriKind.Relative)));
        Assert.Equal((FaultCategory.Maintenance.ToString(), IntakeChannel.Planned.ToString()), (ticket.FaultCategory.ToString(), ticket.Channel.ToString()));

        // The second visit's day comes (moved to today here: the shared clock only moves forward): it opens — once.
        await app.WithDbAsync(db => db.PlannedVisits.Where(v => v.Id == visits[1].Id).ExecuteUpdateAsync(s => s.SetProperty(v => v.OpensOn, Today)));
        Assert.True(await scheduler.OpenDueAsync(CancellationToken.None) >= 1);
        await scheduler.OpenDueAsync(CancellationToken.None);
        var view = await OkAsync<ContractView>(await specialist.GetAsync(new Uri($"/api/v1/maintenance-contracts/{contract.Id}", UriKind.Relative)));
        Assert.Equal(2, view.Visits.Count(v => v.TicketNumber is not null));
    }

    [Fact]
    public async Task A_contract_is_renewed_once_by_a_draft_for_its_next_term()
    {
        var previous = await ActiveAsync("WB-RN-001", startOffset: -300, signOffset: -305);
        using var specialist = app.ClientFor("specialist");
        using var engineer = app.ClientFor("engineer");
        var url = new Uri("/api/v1/maintenance-contracts", UriKind.Relative);
        var terms = new Uri($"/api/v1/maintenance-contracts/{previous.Id}/renewal", UriKind.Relative);

        // The office is offered the next term: from the day after the end, as long, the instalments as far into it.
        var proposal = await OkAsync<ContractRequest>(await specialist.GetAsync(terms));
        Assert.Equal((previous.EndsOn.AddDays(1), previous.EndsOn.AddYears(1), previous.CustomerId, previous.Id, (string?)null),
            (proposal.StartsOn, proposal.EndsOn, proposal.CustomerId, proposal.RenewsContractId, proposal.Number));
        Assert.Equal(previous.Instalments.Select(i => i.DueOn.AddYears(1)), proposal.Instalments!.Select(i => i.DueOn!.Value));
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync(terms)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await specialist.GetAsync(new Uri("/api/v1/maintenance-contracts/999999/renewal", UriKind.Relative))).StatusCode);

        // Bad input names its field and saves nothing: no number, another customer, a contract that does not exist.
        var before = await app.WithDbAsync(db => db.MaintenanceContracts.CountAsync());
        Assert.Equal(["number"], await (await specialist.PostAsJsonAsync(url, proposal)).FieldErrorsAsync());
        var other = await app.WithDbAsync(db => db.Customers.Where(c => c.Id != previous.CustomerId && c.IsActive).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        Assert.Contains("customerId", await (await specialist.PostAsJsonAsync(url, proposal with { Number = "WB-RN-009", CustomerId = other, UnitIds = [] })).FieldErrorsAsync());
        Assert.Equal(["renewsContractId"], await (await specialist.PostAsJsonAsync(url, proposal with { Number = "WB-RN-009", RenewsContractId = 999_999 })).FieldErrorsAsync());
        Assert.Equal(before, await app.WithDbAsync(db => db.MaintenanceContracts.CountAsync()));

        // The renewal names the contract it renews, which names its renewal; a second renewal is a 409.
        var renewal = await OkAsync<ContractView>(await specialist.PostAsJsonAsync(url, proposal with { Number = "WB-RN-002" }), HttpStatusCode.Created);
        Assert.Equal((new ContractLink(previous.Id, "WB-RN-001"), ContractStatus.Draft), (renewal.Renews, renewal.Status));
        var renewed = await OkAsync<ContractView>(await specialist.GetAsync(new Uri($"/api/v1/maintenance-contracts/{previous.Id}", UriKind.Relative)));
        Assert.Equal(new ContractLink(renewal.Id, "WB-RN-002"), renewed.RenewedBy);
        var second = await specialist.PostAsJsonAsync(url, proposal with { Number = "WB-RN-003" });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(["renewsContractId"], await second.FieldErrorsAsync());

        // Editing the renewal keeps it one: moved before the contract it renews, it is refused.
        Assert.Equal(["startsOn"], await (await specialist.PutAsJsonAsync($"/api/v1/maintenance-contracts/{renewal.Id}",
            proposal with { Number = "WB-RN-002", StartsOn = previous.StartsOn, Version = renewal.Version })).FieldErrorsAsync());

        // Cancelled, the draft frees the contract for another renewal; two at once: one is saved, the other is told (409).
        await ActAsync(specialist, renewal, "cancel");
        var both = await Task.WhenAll(
            specialist.PostAsJsonAsync(url, proposal with { Number = "WB-RN-004" }),
            specialist.PostAsJsonAsync(url, proposal with { Number = "WB-RN-005" }));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], both.Select(r => r.StatusCode).Order());
    }
}
