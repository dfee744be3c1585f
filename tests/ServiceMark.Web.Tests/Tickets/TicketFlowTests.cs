using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Tickets;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Tickets;

namespace ServiceMark.Web.Tests.Tickets;

[Trait("Rule", "R-TKT-3")]
public sealed class TicketFlowTests(TestApp app) : IClassFixture<TestApp>
{
    private readonly TicketDriver driver = new(app);

    private const string SignaturePng = TicketDriver.SignaturePng;

    private Task<int> PersonIdAsync(string number) => driver.PersonIdAsync(number);

    private Task<TicketView> CreateAsync(string serial = "LZYTBGCK0R1000101", string category = "Body", decimal distance = 12m) =>
        driver.CreateAsync(serial, category, distance);

    private static Task<TicketView> ActAsync(HttpClient client, TicketView ticket, string action, object? extra = null, HttpStatusCode expected = HttpStatusCode.OK) =>
        TicketDriver.ActAsync(client, ticket, action, extra, expected);

    [Fact]
    public async Task A_ticket_goes_from_report_to_closing_with_every_step_recorded()
    {
        var ticket = await CreateAsync();
        Assert.Equal(TicketStatus.Classified, ticket.Status);
        Assert.True(ticket.UnderWarranty);
        Assert.Contains("2027", ticket.WarrantyReason, StringComparison.Ordinal);
        Assert.NotNull(ticket.ServiceLevelName);
        Assert.NotEmpty(ticket.ServiceLevels);

        using var specialist = app.ClientFor("specialist");
        var suggestions = await specialist.GetFromJsonAsync<DispatchSuggestion[]>($"/api/v1/tickets/{ticket.Id}/dispatch-suggestions", Json.Options);
        Assert.NotEmpty(suggestions![0].Reasons);
        // Body skills or being at the customer's nearest station rank first for a body fault; chassis specialists do not.
        Assert.Contains(suggestions[0].Unit, new[] { "车身服务组", "郑州服务站" });
        Assert.NotEqual("底盘发动机服务组", suggestions[0].Unit);

        var engineer = await PersonIdAsync("E0011");
        var helper = await PersonIdAsync("E0012");
        ticket = await ActAsync(specialist, ticket, "dispatch", new { engineerIds = new[] { engineer, helper }, leadId = engineer });
        Assert.Equal(TicketStatus.Dispatched, ticket.Status);

        using var lead = app.ClientFor("engineer");
        ticket = await ActAsync(lead, ticket, "accept");
        ticket = await ActAsync(lead, ticket, "start-travel");
        ticket = await ActAsync(lead, ticket, "arrive");
        ticket = await ActAsync(lead, ticket, "diagnose", new { note = "听：漏气声；看：气管破裂；查：气泵正常" });

        // The customer may not sign before the work is recorded.
        var early = await lead.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/report/sign", new { version = ticket.Version, signerName = "赵建华", signatureDataUrl = SignaturePng });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);

        var report = await lead.PutAsJsonAsync($"/api/v1/tickets/{ticket.Id}/report", new
        {
            version = ticket.Version, findings = "前门气管老化破裂", cause = "橡胶管老化", responsibility = "质量问题（三包）", workDone = "更换前门气管一根",
            partsReplaced = new[] { new { name = "前门气管 Φ8", quantity = 1m, reason = "破裂" } }, compensationAmount = 0m, oldPartsReturned = true,
            adviceGiven = "每月检查气路接头", paidServiceAmount = 0m,
        });
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        ticket = await report.ReadAsync<TicketView>();
        ticket = await ActAsync(lead, ticket, "resolve");

        var signed = await lead.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/report/sign", new { version = ticket.Version, signerName = "赵建华", signatureDataUrl = SignaturePng });
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        ticket = await signed.ReadAsync<TicketView>();
        Assert.Equal(TicketStatus.ReportSigned, ticket.Status);
        Assert.NotNull(ticket.Report!.SignatureAttachmentId);

        // A signed report is immutable: corrections are amendments.
        var edit = await lead.PutAsJsonAsync($"/api/v1/tickets/{ticket.Id}/report", new { version = ticket.Version, findings = "改", workDone = "改" });
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        ticket = await (await lead.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/report/amendments", new { text = "气管规格更正为 Φ10" })).ReadAsync<TicketView>();
        Assert.Single(ticket.Report!.Amendments);

        // The engineer cannot approve their own work; the supervisor can.
        await ActAsync(lead, ticket, "approve-report", expected: HttpStatusCode.Forbidden);
        await ActAsync(specialist, ticket, "close", expected: HttpStatusCode.Conflict);
        using var supervisor = app.ClientFor("supervisor");
        ticket = await ActAsync(supervisor, ticket, "approve-report", new { note = "同意" });
        ticket = await ActAsync(specialist, ticket, "close");
        Assert.Equal(TicketStatus.Closed, ticket.Status);

        Assert.Equal(
            [TicketAction.Register, TicketAction.Classify, TicketAction.Dispatch, TicketAction.Accept, TicketAction.StartTravel, TicketAction.Arrive,
             TicketAction.Diagnose, TicketAction.Resolve, TicketAction.SignReport, TicketAction.ApproveReport, TicketAction.Close],
            ticket.Events.Select(e => e.Action).Where(a => a != TicketAction.Reopen).ToArray()[^11..]);
        Assert.All(ticket.ServiceLevels, s => Assert.False(s.IsBreached));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "ServiceTicket" && a.EntityId == ticket.Id.ToString())));
    }

    [Fact]
    public async Task An_engineer_sees_only_the_tickets_assigned_to_them()
    {
        var ticket = await CreateAsync();
        using var specialist = app.ClientFor("specialist");
        ticket = await ActAsync(specialist, ticket, "dispatch", new { engineerIds = new[] { await PersonIdAsync("E0011") } });

        using var other = app.ClientFor("engineer2");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(new Uri($"/api/v1/tickets/{ticket.Id}", UriKind.Relative))).StatusCode);
        await ActAsync(other, ticket, "accept", expected: HttpStatusCode.NotFound);
        var list = await other.GetFromJsonAsync<TicketPage>("/api/v1/tickets?pageSize=200", Json.Options);
        Assert.DoesNotContain(list!.Items, t => t.Id == ticket.Id);

        using var assigned = app.ClientFor("engineer");
        Assert.Equal(HttpStatusCode.OK, (await assigned.GetAsync(new Uri($"/api/v1/tickets/{ticket.Id}", UriKind.Relative))).StatusCode);
        await ActAsync(assigned, ticket, "cancel", new { reason = "x" }, HttpStatusCode.Forbidden);

        using var warehouse = app.ClientFor("warehouse");
        Assert.Equal(HttpStatusCode.Forbidden, (await warehouse.GetAsync(new Uri("/api/v1/tickets", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Refused_transitions_and_stale_versions_are_409_and_change_nothing()
    {
        var ticket = await CreateAsync();
        using var specialist = app.ClientFor("specialist");
        var refused = await specialist.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/actions/close", new { version = ticket.Version });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("invalid_transition", (await refused.ReadJsonAsync()).GetProperty("code").GetString());

        var escalated = await ActAsync(specialist, ticket, "escalate", new { reason = "客户投诉升级" });
        await ActAsync(specialist, ticket, "cancel", new { reason = "用旧版本" }, HttpStatusCode.Conflict); // ticket still carries the old version
        var current = await specialist.GetFromJsonAsync<TicketView>($"/api/v1/tickets/{ticket.Id}", Json.Options);
        Assert.Equal(TicketStatus.Classified, current!.Status);
        Assert.True(current.IsEscalated);
        Assert.Equal(escalated.Version, current.Version);
    }

    [Fact]
    public async Task Bad_ticket_input_names_the_fields()
    {
        using var specialist = app.ClientFor("specialist");
        var response = await specialist.PostAsJsonAsync("/api/v1/tickets", new { customerId = 999, faultCategory = "Wings", urgency = "", channel = "Fax", distanceKm = -1 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Superset(new HashSet<string> { "customerId", "faultCategory", "urgency", "channel", "faultDescription", "contactName" },
            (await response.FieldErrorsAsync()).ToHashSet());
        using var engineer = app.ClientFor("engineer");
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync("/api/v1/tickets", new { customerId = 1 })).StatusCode);
    }

    [Fact]
    public async Task Absurd_numbers_and_unreadable_values_are_field_errors_not_500s()
    {
        using var specialist = app.ClientFor("specialist");
        var huge = await specialist.PostAsJsonAsync("/api/v1/tickets", new
        {
            customerId = 1, contactName = "a", contactPhone = "1", siteAddress = "x", distanceKm = 99_999_999_999m, mileageKm = 79_228_162_514_264_337_593_543_950_335m,
            faultCategory = "Body", faultDescription = "x", urgency = "Low", channel = "Phone",
        });
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Equal(["contactPhone", "distanceKm", "mileageKm"], (await huge.FieldErrorsAsync()).Order());

        var unreadable = await specialist.PostAsync(new Uri("/api/v1/contact-log", UriKind.Relative),
            new StringContent("{\"receivedAt\":\"2026-02-30\",\"channel\":\"Phone\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Equal(["receivedAt"], await unreadable.FieldErrorsAsync());
    }

    [Fact]
    [Trait("Rule", "R-TKT-2")]
    public async Task The_warranty_check_says_why_a_unit_is_out()
    {
        using var specialist = app.ClientFor("specialist");
        var result = await (await specialist.GetAsync(new Uri("/api/v1/tickets/warranty-check?serialNumber=LZYTBGCK0N1000202&mileageKm=150000", UriKind.Relative))).ReadJsonAsync();
        Assert.False(result.GetProperty("underWarranty").GetBoolean()); // sold 2022-09-01 with 24 months
        Assert.Contains("2024", result.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var unknown = await (await specialist.GetAsync(new Uri("/api/v1/tickets/warranty-check?serialNumber=NOPE", UriKind.Relative))).ReadJsonAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, unknown.GetProperty("underWarranty").ValueKind);
    }

    [Fact]
    [Trait("Rule", "R-SLA-3")]
    public async Task Waiting_for_the_customer_pauses_the_clock()
    {
        var ticket = await CreateAsync(category: "ChassisEngine", distance: 20m);
        using var specialist = app.ClientFor("specialist");
        ticket = await ActAsync(specialist, ticket, "wait-for-customer", new { reason = "客户车辆在外地运营" });
        Assert.Equal(TicketStatus.WaitingForCustomer, ticket.Status);
        Assert.All(ticket.ServiceLevels, s => Assert.True(s.IsPaused));
        ticket = await ActAsync(specialist, ticket, "customer-responded", new { note = "车辆已回场" });
        Assert.Equal(TicketStatus.Classified, ticket.Status);
        Assert.All(ticket.ServiceLevels, s => Assert.False(s.IsPaused));
    }
}
