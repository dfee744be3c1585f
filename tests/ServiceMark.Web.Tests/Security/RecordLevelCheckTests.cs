using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Grading;
using ServiceMark.Domain.Tickets;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Grading;
using ServiceMark.Web.Features.Tickets;
using static ServiceMark.Web.Tests.Assessment.AssessmentApi;

namespace ServiceMark.Web.Tests.Security;

/// <summary>
/// Record-level checks inside web handlers that one-line planted bugs slipped past (issue 10, point 10): each test here
/// fails when its check is removed or loosened.
/// </summary>
public sealed class RecordLevelCheckTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly DateOnly Opened = new(2026, 1, 5);

    [Theory]
    [InlineData("approve-report", null)]
    [InlineData("reject-report", "签字不清")]
    public async Task A_specialist_who_may_dispatch_cannot_approve_or_reject_a_signed_report(string action, string? reason)
    {
        var driver = new TicketDriver(app);
        var signed = await driver.SignAsync(await driver.CreateAsync());
        Assert.Equal(TicketStatus.ReportSigned, signed.Status);

        using var specialist = app.ClientFor("specialist");
        var response = await specialist.PostAsJsonAsync($"/api/v1/tickets/{signed.Id}/actions/{action}", new { version = signed.Version, reason, note = "好" });
        await ProblemAsync(response, HttpStatusCode.Forbidden);

        var after = await app.WithDbAsync(db => db.Tickets.AsNoTracking().Where(t => t.Id == signed.Id).Select(t => new { t.Status, t.Version }).SingleAsync());
        Assert.Equal(TicketStatus.ReportSigned, after.Status);
        Assert.Equal(signed.Version, after.Version);

        // The supervisor, who approves reports, may: the refusal above is the specialist's, not the ticket's.
        using var supervisor = app.ClientFor("supervisor");
        await TicketDriver.ActAsync(supervisor, signed, action, new { reason, note = "好" });
    }

    /// <summary>HR and the department head name panels — of everyone's application but their own.</summary>
    [Theory]
    [InlineData("hr", "E0025")]
    [InlineData("head", "E0004")]
    public async Task An_applicant_who_is_hr_or_department_head_cannot_name_the_panel_of_their_own_application(string user, string number)
    {
        var me = await new TicketDriver(app).PersonIdAsync(number);
        var (id, version) = await app.WithDbAsync(async db =>
        {
            var superior = await db.People.Where(p => p.Id == me).Select(p => p.SuperiorId).SingleAsync();
            var stored = StoredGradeApplication.Open(GradeApplication.Open(GradeScheme.Default, me, superior, null, GradeScheme.Trainee, Opened).Value!);
            stored.Move(GradingAction.Submit, me, Opened, GradingState.Submitted, null);
            db.Actor = ServiceMark.Web.Infrastructure.Audit.Actor.System;
            db.GradeApplications.Add(stored);
            await db.SaveChangesAsync();
            return (stored.Id, stored.Version);
        });
        var colleagues = await app.WithDbAsync(db => db.People.Where(p => p.Id != me && p.IsActive).OrderBy(p => p.Id).Select(p => p.Id).Take(2).ToListAsync());

        using var client = app.ClientFor(user);
        var view = await (await client.GetAsync(new Uri($"/api/v1/grading/applications/{id}", UriKind.Relative))).ReadJsonAsync();
        Assert.False(view.GetProperty("mayAssignPanel").GetBoolean());
        var problem = await ProblemAsync(await client.PostAsJsonAsync($"/api/v1/grading/applications/{id}/panel", new { memberIds = colleagues, version }), HttpStatusCode.Forbidden);
        Assert.Equal(SegregationOfDuties.Self, problem.GetProperty("code").GetString());
        var stored = await app.WithDbAsync(db => db.GradeApplications.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Empty(stored.Panel);
        Assert.Equal(version, stored.Version);
    }

    /// <summary>
    /// 沈浩 (E0030) has an application in progress: while it is submitted or anywhere in review no second one opens; once it
    /// is rejected he may apply again.
    /// </summary>
    [Fact]
    public async Task No_second_grade_application_while_one_is_submitted_or_under_review()
    {
        using var applicant = app.ClientFor("E0030");
        var opened = await applicant.PostAsJsonAsync("/api/v1/grading/applications", new { });
        Assert.True(opened.StatusCode == HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        var first = await opened.ReadJsonAsync();
        var id = first.GetProperty("summary").GetProperty("id").GetInt32();
        var submitted = await applicant.PostAsJsonAsync($"/api/v1/grading/applications/{id}/actions",
            new { action = "Submit", version = first.GetProperty("summary").GetProperty("version").GetInt32() });
        Assert.True(submitted.StatusCode == HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync());

        var applicantId = await new TicketDriver(app).PersonIdAsync("E0030");
        Task<int> CountAsync() => app.WithDbAsync(db => db.GradeApplications.CountAsync(a => a.ApplicantId == applicantId));
        foreach (var state in new[]
                 {
                     GradingState.Submitted, GradingState.SuperiorConfirmed, GradingState.DepartmentHeadConfirmed, GradingState.Examined,
                     GradingState.PromotionFormPrepared, GradingState.MarketingVpReviewed, GradingState.HrVpReviewed, GradingState.GmApproved, GradingState.Filed,
                 })
        {
            await SetStateAsync(id, state);
            var problem = await ProblemAsync(await applicant.PostAsJsonAsync("/api/v1/grading/applications", new { }), HttpStatusCode.Conflict);
            Assert.Equal(GradeApplicationHandlers.AlreadyOpen, problem.GetProperty("code").GetString());
            Assert.Equal(1, await CountAsync());
        }

        await SetStateAsync(id, GradingState.Rejected);
        var again = await applicant.PostAsJsonAsync("/api/v1/grading/applications", new { });
        Assert.True(again.StatusCode == HttpStatusCode.Created, await again.Content.ReadAsStringAsync());
        Assert.Equal(2, await CountAsync());
    }

    /// <summary>
    /// An Idempotency-Key is the client's, not the world's: two users who happen to send the same key create two tickets,
    /// and each retry gives back its own user's ticket only.
    /// </summary>
    [Fact]
    public async Task The_same_idempotency_key_from_two_users_creates_two_tickets_and_never_returns_one_users_ticket_to_the_other()
    {
        var key = "shared-key-" + Guid.NewGuid().ToString("N");
        async Task<JsonElement> CreateAsync(string user, string phone)
        {
            using var client = app.ClientFor(user);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets")
            {
                Content = JsonContent.Create(new
                {
                    customerId = 1, contactName = "赵建华", contactPhone = phone, siteAddress = "郑州市金水区农业路18号", distanceKm = 12m,
                    serialNumber = "LZYTBGCK0R1000101", mileageKm = 86000m, faultCategory = "Body", faultDescription = "前门气泵漏气", urgency = "High", channel = "Phone",
                }),
            };
            request.Headers.Add("Idempotency-Key", key);
            var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            return await response.ReadJsonAsync();
        }

        var before = await app.WithDbAsync(db => db.Tickets.CountAsync());
        var bySpecialist = await CreateAsync("specialist", "13703710101");
        var bySupervisor = await CreateAsync("supervisor", "13703710202");
        Assert.NotEqual(bySpecialist.GetProperty("id").GetInt32(), bySupervisor.GetProperty("id").GetInt32());
        Assert.Equal("13703710202", bySupervisor.GetProperty("contactPhone").GetString());
        Assert.Equal(before + 2, await app.WithDbAsync(db => db.Tickets.CountAsync()));

        // Retries (even with another body) give back each user's own ticket, and create nothing.
        Assert.Equal(bySupervisor.GetProperty("id").GetInt32(), (await CreateAsync("supervisor", "13703710303")).GetProperty("id").GetInt32());
        Assert.Equal(bySpecialist.GetProperty("id").GetInt32(), (await CreateAsync("specialist", "13703710404")).GetProperty("id").GetInt32());
        Assert.Equal(before + 2, await app.WithDbAsync(db => db.Tickets.CountAsync()));
    }

    private Task SetStateAsync(int id, GradingState state) => app.WithDbAsync(async db =>
    {
        var a = await db.GradeApplications.SingleAsync(x => x.Id == id);
        a.Move(GradingAction.Reject, 4, Opened, state, "test: moved to " + state);
        db.Actor = ServiceMark.Web.Infrastructure.Audit.Actor.System;
        return await db.SaveChangesAsync();
    });
}
