using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Parts;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Parts;

namespace ServiceMark.Web.Tests.Parts;

/// <summary>
/// 领料单 (issue 13 point 3, R-PRT-2): an engineer's requisition → their leader's approval (never their own, never another
/// team's) → the warehouse keeper's issue, which moves the parts into the engineer's personal stock in the same transaction.
/// </summary>
[Trait("Rule", "R-PRT-2")]
public sealed class RequisitionTests(TestApp app) : IClassFixture<TestApp>
{
    private Task<int> LocationAsync(string code) => app.WithDbAsync(db => db.StockLocations.Where(l => l.Code == code).Select(l => l.Id).SingleAsync());

    private Task<int> PartAsync(string code) => app.WithDbAsync(db => db.SpareParts.Where(p => p.Code == code).Select(p => p.Id).SingleAsync());

    private async Task<RequisitionView> RaiseAsync(string user, params (string Part, decimal Quantity)[] lines)
    {
        using var client = app.ClientFor(user);
        var parts = new List<object>();
        foreach (var (part, quantity) in lines)
        {
            parts.Add(new { partId = await PartAsync(part), quantity });
        }

        var response = await client.PostAsJsonAsync("/api/v1/requisitions", new { fromLocationId = await LocationAsync("WH-CENTRAL"), purpose = "更换前门气泵", lines = parts });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<RequisitionView>();
    }

    private static async Task<HttpResponseMessage> StepAsync(HttpClient client, RequisitionView r, string action, object? extra = null) =>
        await client.PostAsJsonAsync($"/api/v1/requisitions/{r.Id}/{action}", extra ?? new { version = r.Version });

    [Fact]
    public async Task Raised_approved_by_the_leader_and_issued_the_parts_move_into_the_engineers_stock()
    {
        var central = await LocationAsync("WH-CENTRAL");
        var van = await LocationAsync("PS-E0011");
        var valve = await PartAsync("CM-2002");
        var before = (await StockLedgerTests.OnHandAsync(app, central, valve), await StockLedgerTests.OnHandAsync(app, van, valve));
        var raised = await RaiseAsync("engineer", ("CM-2002", 2m));
        Assert.Equal(RequisitionStatus.Submitted, raised.Status);
        Assert.Equal("马超随车备件", raised.ToLocation);

        using var supervisor = app.ClientFor("supervisor");
        var toApprove = await supervisor.GetFromJsonAsync<Features.Organisation.PageOf<RequisitionView>>("/api/v1/requisitions?scope=ToApprove", Json.Options);
        Assert.Contains(toApprove!.Items, r => r.Id == raised.Id);
        var approved = await (await StepAsync(supervisor, raised, "approve")).ReadAsync<RequisitionView>();
        Assert.Equal((RequisitionStatus.Approved, "刘洋"), (approved.Status, approved.DecidedBy));

        using var keeper = app.ClientFor("warehouse");
        var issued = await StepAsync(keeper, approved, "issue");
        Assert.True(issued.StatusCode == HttpStatusCode.OK, await issued.Content.ReadAsStringAsync());
        Assert.Equal(RequisitionStatus.Issued, (await issued.ReadAsync<RequisitionView>()).Status);
        Assert.Equal(before.Item1 - 2, await StockLedgerTests.OnHandAsync(app, central, valve));
        Assert.Equal(before.Item2 + 2, await StockLedgerTests.OnHandAsync(app, van, valve));
        Assert.True(await app.WithDbAsync(db => db.LedgerEntries.AnyAsync(e => e.DocumentType == nameof(PartRequisition) && e.DocumentId == raised.Id)));
        await StockLedgerTests.AssertBookEqualsStockAsync(app);

        // Issued once: a second issue is refused and moves nothing more.
        Assert.Equal(HttpStatusCode.Conflict, (await StepAsync(keeper, await (await keeper.GetAsync(new Uri($"/api/v1/requisitions/{raised.Id}", UriKind.Relative))).ReadAsync<RequisitionView>(), "issue")).StatusCode);
        Assert.Equal(before.Item2 + 2, await StockLedgerTests.OnHandAsync(app, van, valve));
    }

    [Fact]
    public async Task Nobody_approves_their_own_nor_another_teams_and_the_warehouse_keeper_does_not_approve()
    {
        // The supervisor carries parts too and raises a requisition: not theirs to approve; the department head does.
        using (var keeper = app.ClientFor("warehouse"))
        {
            await keeper.PostAsJsonAsync("/api/v1/stock/locations", new { code = "PS-E0005", name = "刘洋随车备件", kind = "PersonalStock", personId = await new TicketDriver(app).PersonIdAsync("E0005") });
        }

        var own = await RaiseAsync("supervisor", ("DQ-3010", 1m));
        using var supervisor = app.ClientFor("supervisor");
        var self = await StepAsync(supervisor, own, "approve");
        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        Assert.Equal("self", (await self.ReadJsonAsync()).GetProperty("code").GetString());
        using var head = app.ClientFor("head");
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(head, own, "approve")).StatusCode);

        var engineers = await RaiseAsync("engineer", ("DQ-3010", 1m));
        using var otherTeam = app.ClientFor("E0006"); // 杨帆 leads the chassis team, not 马超's
        Assert.Equal(HttpStatusCode.NotFound, (await StepAsync(otherTeam, engineers, "approve")).StatusCode);
        using var keeperClient = app.ClientFor("warehouse");
        Assert.Equal(HttpStatusCode.Forbidden, (await StepAsync(keeperClient, engineers, "approve")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await StepAsync(keeperClient, engineers, "issue")).StatusCode); // not approved yet
        using var engineer = app.ClientFor("engineer");
        Assert.Equal(HttpStatusCode.Forbidden, (await StepAsync(engineer, engineers, "approve")).StatusCode);
        Assert.Equal(RequisitionStatus.Submitted, await app.WithDbAsync(db => db.PartRequisitions.Where(r => r.Id == engineers.Id).Select(r => r.Status).SingleAsync()));

        // Rejected with a reason; withdrawn only by the requester.
        Assert.Equal(["reason"], await (await StepAsync(supervisor, engineers, "reject")).FieldErrorsAsync());
        var another = await RaiseAsync("engineer", ("DQ-3010", 1m));
        Assert.Equal(HttpStatusCode.Forbidden, (await StepAsync(supervisor, another, "cancel")).StatusCode);
        Assert.Equal(RequisitionStatus.Cancelled, (await (await StepAsync(engineer, another, "cancel")).ReadAsync<RequisitionView>()).Status);
        Assert.Equal(RequisitionStatus.Rejected,
            (await (await StepAsync(supervisor, engineers, "reject", new { version = engineers.Version, reason = "本月已领" })).ReadAsync<RequisitionView>()).Status);
    }

    [Fact]
    public async Task More_than_the_store_holds_is_refused_at_issue_and_the_requisition_stays_approved()
    {
        var central = await LocationAsync("WH-CENTRAL");
        var lamp = await PartAsync("DQ-3001");
        var onHand = await StockLedgerTests.OnHandAsync(app, central, lamp);
        var raised = await RaiseAsync("engineer", ("DQ-3001", onHand + 1));
        using var supervisor = app.ClientFor("supervisor");
        var approved = await (await StepAsync(supervisor, raised, "approve")).ReadAsync<RequisitionView>();

        using var keeper = app.ClientFor("warehouse");
        Assert.Equal(HttpStatusCode.Conflict, (await StepAsync(keeper, raised, "issue")).StatusCode); // the version read before the approval
        var shortage = await StepAsync(keeper, approved, "issue");
        Assert.Equal(HttpStatusCode.Conflict, shortage.StatusCode);
        Assert.Equal("insufficient_stock", (await shortage.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(RequisitionStatus.Approved, await app.WithDbAsync(db => db.PartRequisitions.Where(r => r.Id == raised.Id).Select(r => r.Status).SingleAsync()));
        Assert.Equal(onHand, await StockLedgerTests.OnHandAsync(app, central, lamp));
    }

    [Fact]
    public async Task A_wrong_requisition_is_refused_naming_its_fields()
    {
        using var engineer = app.ClientFor("engineer");
        var response = await engineer.PostAsJsonAsync("/api/v1/requisitions", new
        {
            fromLocationId = await LocationAsync("PS-E0011"), ticketId = 999999, purpose = "",
            lines = new[] { new { partId = 999999, quantity = 1m }, new { partId = await PartAsync("CM-2002"), quantity = -1m } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["fromLocationId", "lines[0].partId", "lines[1].quantity", "purpose", "ticketId"], (await response.FieldErrorsAsync()).Order());

        using var noStock = app.ClientFor("E0013"); // 郭磊 carries no parts yet
        var refused = await noStock.PostAsJsonAsync("/api/v1/requisitions", new
        {
            fromLocationId = await LocationAsync("WH-CENTRAL"), purpose = "x", lines = new[] { new { partId = await PartAsync("CM-2002"), quantity = 1m } },
        });
        Assert.Equal("no_personal_stock", (await refused.ReadJsonAsync()).GetProperty("errorCodes").GetProperty("fromLocationId")[0].GetString());
        using var keeper = app.ClientFor("warehouse");
        Assert.Equal(HttpStatusCode.Forbidden, (await keeper.PostAsJsonAsync("/api/v1/requisitions", new { fromLocationId = 1, purpose = "x" })).StatusCode);
    }
}
