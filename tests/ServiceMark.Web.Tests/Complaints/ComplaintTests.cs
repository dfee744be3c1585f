using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Complaints;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Complaints;
using ServiceMark.Web.Features.Demo;
using ServiceMark.Web.Features.Organisation;

namespace ServiceMark.Web.Tests.Complaints;

/// <summary>
/// The complaint lifecycle through the API. The clock never moves in this class, so deadlines stay in the future;
/// <see cref="ComplaintDeadlineTests"/> moves its own clock.
/// </summary>
[Trait("Rule", "R-CMP-1")]
public sealed class ComplaintTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task A_complaint_goes_from_receipt_to_close_and_counts_only_when_the_head_finds_it_valid_and_attributable()
    {
        using var specialist = app.ClientFor("specialist");
        using var supervisor = app.ClientFor("supervisor");
        using var head = app.ClientFor("head");
        var engineer = await PersonIdAsync("E0011");
        var now = app.Clock.GetUtcNow().UtcDateTime;

        var received = await specialist.PostAsJsonAsync("/api/v1/complaints", new
        {
            source = "Phone", complainant = "郑州公交集团 赵建华", ticketId = 501, engineerPersonId = engineer, category = "Service", severity = "Major",
            description = "工程师未按约定时间到场",
        });
        Assert.Equal(HttpStatusCode.Created, received.StatusCode);
        var c = await received.ReadAsync<ComplaintView>();
        Assert.Equal($"/api/v1/complaints/{c.Id}", received.Headers.Location?.OriginalString);
        Assert.Equal(ComplaintStatus.Received, c.Status);
        Assert.Equal(ComplaintRules.DefaultDeadline(now), c.DeadlineUtc);
        Assert.False(c.IsOverdue);
        Assert.Equal(await PersonIdAsync("E0008"), c.ReceivedByPersonId);
        Assert.NotNull(c.EngineerName);
        Assert.Equal([ComplaintAction.Assign, ComplaintAction.Edit], c.AllowedActions.Order());

        c = await OkAsync(specialist.PostAsJsonAsync($"/api/v1/complaints/{c.Id}/assign", new { assigneePersonId = await PersonIdAsync("E0005"), c.Version }));
        Assert.Equal(ComplaintStatus.Assigned, c.Status);
        Assert.NotNull(c.AssigneeName);
        c = await OkAsync(supervisor.PostAsJsonAsync($"/api/v1/complaints/{c.Id}/start-investigation", new { c.Version }));
        Assert.Equal(ComplaintStatus.Investigating, c.Status);
        c = await OkAsync(supervisor.PostAsJsonAsync($"/api/v1/complaints/{c.Id}/resolve", new
        {
            rootCause = "约定时间未同步给工程师", correctiveAction = "派工时短信通知工程师与客户", compensationAmount = 500.00m, c.Version,
        }));
        Assert.Equal(ComplaintStatus.Resolved, c.Status);
        Assert.Equal(500.00m, c.CompensationAmount);

        // The customer does not accept it: back to investigating, then a better resolution.
        c = await OkAsync(specialist.PostAsJsonAsync($"/api/v1/complaints/{c.Id}/reject-resolution", new { reason = "客户要求书面致歉", c.Version }));
        Assert.Equal(ComplaintStatus.Investigating, c.Status);
        c = await OkAsync(supervisor.PostAsJsonAsync($"/api/v1/complaints/{c.Id}/resolve", new
        {
            rootCause = "约定时间未同步给工程师", correctiveAction = "派工时短信通知工程师与客户；书面致歉", compensationAmount = 500.00m, c.Version,
        }));
        Assert.Equal(ComplaintStatus.Resolved, c.Status);
        c = await OkAsync(specialist.PostAsJsonAsync($"/api/v1/complaints/{c.Id}/confirm", new { c.Version }));
        Assert.Equal(ComplaintStatus.CustomerConfirmed, c.Status);

        // No complaint leaves the books without the head's decision.
        var early = await specialist.PostAsJsonAsync($"/api/v1/complaints/{c.Id}/close", new { c.Version });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("validity_not_decided", (await early.ReadJsonAsync()).GetProperty("code").GetString());

        var headView = await head.GetFromJsonAsync<ComplaintView>($"/api/v1/complaints/{c.Id}", Json.Options);
        Assert.Contains(ComplaintAction.DecideValidity, headView!.AllowedActions);
        Assert.DoesNotContain(ComplaintAction.DecideValidity, c.AllowedActions);
        c = await OkAsync(head.PostAsJsonAsync($"/api/v1/complaints/{c.Id}/decide-validity", new
        {
            isValid = true, attributableToService = true, reason = "派工信息未同步，属服务责任", c.Version,
        }));
        Assert.True(c.CountsAgainstPeople);
        Assert.Equal(await PersonIdAsync("E0004"), c.DecidedByPersonId);
        Assert.Equal("派工信息未同步，属服务责任", c.DecisionReason);

        c = await OkAsync(specialist.PostAsJsonAsync($"/api/v1/complaints/{c.Id}/close", new { c.Version }));
        Assert.Equal(ComplaintStatus.Closed, c.Status);
        Assert.NotNull(c.ClosedAtUtc);
        Assert.Empty(c.AllowedActions);

        using var gm = app.ClientFor("gm");
        var read = await gm.GetFromJsonAsync<ComplaintView>($"/api/v1/complaints/{c.Id}", Json.Options);
        Assert.Equal(
            ["Receive", "Assign", "StartInvestigation", "Resolve", "RejectResolution", "Resolve", "ConfirmByCustomer", "DecideValidity", "Close"],
            read!.Events.Select(e => e.Action));
        Assert.Equal("客户要求书面致歉", read.Events.Single(e => e.Action == "RejectResolution").Note);
        Assert.All(read.Events, e => Assert.NotNull(e.ActorName));
        Assert.Equal(ComplaintStatus.Closed, read.Events[^1].ToStatus);
        Assert.Empty(read.AllowedActions);
        Assert.True(read.CountsAgainstPeople);

        var audited = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(Complaint) && a.EntityId == c.Id.ToString()));
        Assert.Equal(9, audited);
    }

    [Fact]
    public async Task Only_a_valid_complaint_attributable_to_service_counts_against_people()
    {
        using var specialist = app.ClientFor("specialist");
        using var head = app.ClientFor("head");
        var c = await ReceiveAsync(specialist);

        // Not before the investigation has started: nothing is known yet.
        var early = await head.PostAsJsonAsync($"/api/v1/complaints/{c.Id}/decide-validity", new { isValid = true, attributableToService = true, reason = "x", c.Version });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Null((await head.GetFromJsonAsync<ComplaintView>($"/api/v1/complaints/{c.Id}", Json.Options))!.IsValid);
        c = await InvestigatingAsync(app, c);

        var impossible = await head.PostAsJsonAsync($"/api/v1/complaints/{c.Id}/decide-validity", new { isValid = false, attributableToService = true, reason = "x", c.Version });
        Assert.Equal(["attributableToService"], await impossible.FieldErrorsAsync());

        c = await OkAsync(head.PostAsJsonAsync($"/api/v1/complaints/{c.Id}/decide-validity", new { isValid = true, attributableToService = false, reason = "产品质量问题", c.Version }));
        Assert.True(c.IsValid);
        Assert.False(c.CountsAgainstPeople);

        c = await OkAsync(head.PostAsJsonAsync($"/api/v1/complaints/{c.Id}/decide-validity", new { isValid = false, reason = "客户误操作", c.Version }));
        Assert.False(c.IsValid);
        Assert.False(c.AttributableToService);
        Assert.False(c.CountsAgainstPeople);
        Assert.Equal(2, c.Events.Count(e => e.Action == "DecideValidity"));
    }

    [Fact]
    public async Task Validation_names_every_wrong_field()
    {
        using var specialist = app.ClientFor("specialist");
        var response = await specialist.PostAsJsonAsync("/api/v1/complaints", new
        {
            source = "Pigeon", category = "7", engineerPersonId = 999999, deadlineUtc = app.Clock.GetUtcNow().UtcDateTime.AddHours(-1),
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["category", "complainant", "deadlineUtc", "description", "engineerPersonId", "severity", "source"], (await response.FieldErrorsAsync()).Order());

        var c = await ReceiveAsync(specialist);
        var assign = await specialist.PostAsJsonAsync($"/api/v1/complaints/{c.Id}/assign", new { assigneePersonId = 999999, c.Version });
        Assert.Equal(["assigneePersonId"], await assign.FieldErrorsAsync());

        c = await OkAsync(specialist.PostAsJsonAsync($"/api/v1/complaints/{c.Id}/assign", new { assigneePersonId = await PersonIdAsync("E0005"), c.Version }));
        c = await OkAsync(specialist.PostAsJsonAsync($"/api/v1/complaints/{c.Id}/start-investigation", new { c.Version }));
        var resolve = await specialist.PostAsJsonAsync($"/api/v1/complaints/{c.Id}/resolve", new { correctiveAction = "更换", compensationAmount = -1m, c.Version });
        Assert.Equal(["compensationAmount", "rootCause"], (await resolve.FieldErrorsAsync()).Order());
        var fen = await specialist.PostAsJsonAsync($"/api/v1/complaints/{c.Id}/resolve", new { rootCause = "a", correctiveAction = "b", compensationAmount = 1.005m, c.Version });
        Assert.Equal(["compensationAmount"], await fen.FieldErrorsAsync());

        // Status, validity and the like are not part of the request: a body naming them changes nothing.
        c = await OkAsync(specialist.PutAsJsonAsync($"/api/v1/complaints/{c.Id}", new
        {
            source = "Letter", complainant = "改名", category = "ProductQuality", severity = "Critical", description = "更正", c.Version,
            status = "Closed", isValid = true, attributableToService = true, assigneePersonId = 1,
        }));
        Assert.Equal(ComplaintStatus.Investigating, c.Status);
        Assert.Null(c.IsValid);
        Assert.Equal("改名", c.Complainant);
        Assert.Equal(await PersonIdAsync("E0005"), c.AssigneePersonId);
    }

    [Fact]
    public async Task The_head_never_decides_the_validity_of_a_complaint_about_themselves()
    {
        using var specialist = app.ClientFor("specialist");
        using var head = app.ClientFor("head");
        var headId = await PersonIdAsync("E0004");
        var created = await specialist.PostAsJsonAsync("/api/v1/complaints", ValidBody() with { EngineerPersonId = headId });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var c = await InvestigatingAsync(app, await created.ReadAsync<ComplaintView>());

        var refused = await head.PostAsJsonAsync($"/api/v1/complaints/{c.Id}/decide-validity", new { isValid = false, reason = "不成立", c.Version });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("self", (await refused.ReadJsonAsync()).GetProperty("code").GetString());
        var stored = await head.GetFromJsonAsync<ComplaintView>($"/api/v1/complaints/{c.Id}", Json.Options);
        Assert.Null(stored!.IsValid);
        Assert.Equal(c.Version, stored.Version);
    }

    [Fact]
    public async Task Roles_outside_complaints_and_heads_decision_are_forbidden()
    {
        using var engineer = app.ClientFor("engineer");
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync(new Uri("/api/v1/complaints", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync("/api/v1/complaints", ValidBody())).StatusCode);

        using var gm = app.ClientFor("gm");
        Assert.Equal(HttpStatusCode.OK, (await gm.GetAsync(new Uri("/api/v1/complaints", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await gm.PostAsJsonAsync("/api/v1/complaints", ValidBody())).StatusCode);

        using var specialist = app.ClientFor("specialist");
        var c = await InvestigatingAsync(app, await ReceiveAsync(specialist));
        using var supervisor = app.ClientFor("supervisor");
        var decide = await supervisor.PostAsJsonAsync($"/api/v1/complaints/{c.Id}/decide-validity", new { isValid = true, attributableToService = true, reason = "x", c.Version });
        Assert.Equal(HttpStatusCode.Forbidden, decide.StatusCode);

        // The admin account is not a person: it may read, but actions are recorded under a person.
        using var admin = app.ClientFor("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri($"/api/v1/complaints/{c.Id}", UriKind.Relative))).StatusCode);
        var byAdmin = await admin.PostAsJsonAsync("/api/v1/complaints", ValidBody());
        Assert.Equal(HttpStatusCode.Forbidden, byAdmin.StatusCode);
        Assert.Contains("not linked to a person", (await byAdmin.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsJsonAsync($"/api/v1/complaints/{c.Id}/assign", new { assigneePersonId = 1, c.Version })).StatusCode);

        var unchanged = await specialist.GetFromJsonAsync<ComplaintView>($"/api/v1/complaints/{c.Id}", Json.Options);
        Assert.Equal(ComplaintStatus.Investigating, unchanged!.Status);
        Assert.Null(unchanged.IsValid);
        Assert.Equal(c.Version, unchanged.Version);
    }

    [Fact]
    public async Task A_command_in_the_wrong_state_or_on_a_stale_version_is_a_conflict()
    {
        using var specialist = app.ClientFor("specialist");
        var c = await ReceiveAsync(specialist);

        var wrongState = await specialist.PostAsJsonAsync($"/api/v1/complaints/{c.Id}/start-investigation", new { c.Version });
        Assert.Equal(HttpStatusCode.Conflict, wrongState.StatusCode);
        Assert.Equal("invalid_transition", (await wrongState.ReadJsonAsync()).GetProperty("code").GetString());

        var assigned = await OkAsync(specialist.PostAsJsonAsync($"/api/v1/complaints/{c.Id}/assign", new { assigneePersonId = await PersonIdAsync("E0005"), c.Version }));
        Assert.NotEqual(c.Version, assigned.Version);
        var stale = await specialist.PostAsJsonAsync($"/api/v1/complaints/{c.Id}/start-investigation", new { c.Version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("stale_version", (await stale.ReadJsonAsync()).GetProperty("code").GetString());

        // Reassigning keeps the status but is a change like any other: the version moves on.
        var reassigned = await OkAsync(specialist.PostAsJsonAsync($"/api/v1/complaints/{c.Id}/assign", new { assigneePersonId = await PersonIdAsync("E0008"), assigned.Version }));
        Assert.Equal(ComplaintStatus.Assigned, reassigned.Status);
        Assert.Equal(assigned.Version + 1, reassigned.Version);

        Assert.Equal(HttpStatusCode.NotFound, (await specialist.PostAsJsonAsync("/api/v1/complaints/999999/close", new { version = 0 })).StatusCode);
    }

    [Fact]
    public async Task Edits_at_the_same_instant_are_all_kept_in_the_history()
    {
        using var specialist = app.ClientFor("specialist");
        var c = await ReceiveAsync(specialist);
        var body = ValidBody();
        c = await OkAsync(specialist.PutAsJsonAsync($"/api/v1/complaints/{c.Id}", body with { Version = c.Version }));
        c = await OkAsync(specialist.PutAsJsonAsync($"/api/v1/complaints/{c.Id}", body with { Version = c.Version }));
        var read = await specialist.GetFromJsonAsync<ComplaintView>($"/api/v1/complaints/{c.Id}", Json.Options);
        Assert.Equal(["Receive", "Edit", "Edit"], read!.Events.Select(e => e.Action));
        Assert.Equal(c.Version, read.Version);
    }

    [Fact]
    public async Task The_list_filters_by_status_and_text_newest_first()
    {
        using var specialist = app.ClientFor("specialist");
        var older = await ReceiveAsync(specialist, "洛阳公交 钱立新");
        var newer = await ReceiveAsync(specialist, "洛阳公交 孙海");
        await OkAsync(specialist.PostAsJsonAsync($"/api/v1/complaints/{newer.Id}/assign", new { assigneePersonId = await PersonIdAsync("E0005"), newer.Version }));

        var page = await specialist.GetFromJsonAsync<PageOf<ComplaintSummary>>("/api/v1/complaints?search=洛阳公交", Json.Options);
        Assert.Equal([newer.Id, older.Id], page!.Items.Select(i => i.Id));
        Assert.Equal(2, page.Total);
        var assigned = await specialist.GetFromJsonAsync<PageOf<ComplaintSummary>>("/api/v1/complaints?search=洛阳公交&status=Assigned", Json.Options);
        var row = Assert.Single(assigned!.Items);
        Assert.Equal(newer.Id, row.Id);
        Assert.NotNull(row.AssigneeName);
    }

    private async Task<ComplaintView> ReceiveAsync(HttpClient client, string complainant = "郑州公交集团")
    {
        var response = await client.PostAsJsonAsync("/api/v1/complaints", ValidBody() with { Complainant = complainant });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<ComplaintView>();
    }

    private static ComplaintRequest ValidBody() => new("Phone", "郑州公交集团", null, null, "Service", "Minor", "客服电话无人接听", null);

    private Task<int> PersonIdAsync(string employeeNumber) =>
        app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == employeeNumber).Select(p => p.Id).SingleAsync());

    /// <summary>Assigns the complaint to the supervisor E0005 and starts the investigation: validity is decided only from there.</summary>
    internal static async Task<ComplaintView> InvestigatingAsync(TestApp app, ComplaintView c)
    {
        using var specialist = app.ClientFor("specialist");
        var supervisor = await app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == "E0005").Select(p => p.Id).SingleAsync());
        c = await OkAsync(specialist.PostAsJsonAsync($"/api/v1/complaints/{c.Id}/assign", new { assigneePersonId = supervisor, c.Version }));
        return await OkAsync(specialist.PostAsJsonAsync($"/api/v1/complaints/{c.Id}/start-investigation", new { c.Version }));
    }

    internal static async Task<ComplaintView> OkAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<ComplaintView>();
    }
}

/// <summary>Deadlines against the fake clock, in a class of its own: moving the clock must not disturb other tests.</summary>
[Trait("Rule", "R-CMP-1")]
public sealed class ComplaintDeadlineTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task A_complaint_past_its_deadline_and_not_closed_is_overdue()
    {
        using var specialist = app.ClientFor("specialist");
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var soon = await Receive(specialist, "逾期客户", now.AddDays(1));
        var later = await Receive(specialist, "未逾期客户", now.AddDays(10));
        var byDefault = await Receive(specialist, "默认期限客户", null);
        Assert.Equal(now.AddDays(ComplaintRules.DefaultDeadlineDays), byDefault.DeadlineUtc);

        app.Clock.Advance(TimeSpan.FromDays(4));

        // The fixture's cached bearer tokens expire with the clock: sign in again.
        using var fresh = await SignInAsync("specialist");
        var overdue = await fresh.GetFromJsonAsync<PageOf<ComplaintSummary>>("/api/v1/complaints?overdueOnly=true&pageSize=200", Json.Options);
        var ids = overdue!.Items.Select(i => i.Id).ToList();
        Assert.Contains(soon.Id, ids);
        Assert.Contains(byDefault.Id, ids);
        Assert.DoesNotContain(later.Id, ids);
        Assert.All(overdue.Items, i => Assert.True(i.IsOverdue));

        var all = await fresh.GetFromJsonAsync<PageOf<ComplaintSummary>>("/api/v1/complaints?pageSize=200", Json.Options);
        Assert.False(all!.Items.Single(i => i.Id == later.Id).IsOverdue);
        Assert.True((await fresh.GetFromJsonAsync<ComplaintView>($"/api/v1/complaints/{soon.Id}", Json.Options))!.IsOverdue);
    }

    private async Task<HttpClient> SignInAsync(string userName)
    {
        var client = app.ClientFor(null);
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = DemoSeeder.DemoPassword });
        response.EnsureSuccessStatusCode();
        var token = (await response.ReadJsonAsync()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<ComplaintView> Receive(HttpClient client, string complainant, DateTime? deadlineUtc)
    {
        var response = await client.PostAsJsonAsync("/api/v1/complaints",
            new ComplaintRequest("Online", complainant, null, null, "TechnicalUse", "Minor", "操作说明不清楚", deadlineUtc));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<ComplaintView>();
    }
}
