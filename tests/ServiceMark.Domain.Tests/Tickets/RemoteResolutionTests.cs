using ServiceMark.Domain.Common;
using ServiceMark.Domain.ServiceFacts;
using ServiceMark.Domain.ServiceLevels;
using ServiceMark.Domain.Tickets;
using static ServiceMark.Domain.Tests.Tickets.TicketBuilder;

namespace ServiceMark.Domain.Tests.Tickets;

[Trait("Rule", "R-TKT-7")]
public sealed class RemoteResolutionTests
{
    [Fact]
    public void An_accepted_ticket_solved_by_phone_is_resolved_with_its_method_and_no_arrival()
    {
        var ticket = InStatus(TicketStatus.Accepted);
        var at = Later(ticket);

        var done = ticket.ResolveRemotely(at, Engineer, RemoteMethod.RemoteConnection, "  远程连接车载终端，重刷车门控制程序  ");

        Assert.True(done.Succeeded);
        Assert.Equal((TicketStatus.Resolved, RemoteMethod.RemoteConnection, at, (DateTime?)null),
            (ticket.Status, ticket.RemoteMethod, ticket.ResolvedAtUtc, ticket.ArrivedAtUtc));
        Assert.Equal((TicketAction.ResolveRemotely, "远程连接车载终端，重刷车门控制程序"), (done.Value!.Action, done.Value.Note));

        // The report is written afterwards like any other, and the customer signs a photo of the stamped confirmation.
        Assert.True(ticket.RecordReport(Later(ticket), Engineer, Work).Succeeded);
        Assert.True(ticket.SignReport(Later(ticket), Engineer, new CustomerSignature("stamp-photo", "王建国")).Succeeded);
        Assert.Equal(TicketStatus.ReportSigned, ticket.Status);
    }

    [Theory]
    [InlineData(null, "电话指导", "remoteMethod", "required")]
    [InlineData((RemoteMethod)7, "电话指导", "remoteMethod", "invalid")]
    [InlineData(RemoteMethod.Phone, "  ", "note", "required")]
    [InlineData(RemoteMethod.Phone, null, "note", "required")]
    public void The_method_and_what_was_done_are_required_and_a_refusal_changes_nothing(RemoteMethod? method, string? note, string field, string code)
    {
        var ticket = InStatus(TicketStatus.Accepted);
        var before = TicketSnapshot.Of(ticket);

        TicketGuardTests.AssertInvalid(ticket.ResolveRemotely(Later(ticket), Engineer, method, note).Refusal, field, code);
        Assert.Equal(before, TicketSnapshot.Of(ticket));
    }

    [Theory]
    [InlineData(TicketStatus.Dispatched)]
    [InlineData(TicketStatus.Travelling)]
    [InlineData(TicketStatus.OnSite)]
    [InlineData(TicketStatus.Diagnosed)]
    public void Once_on_the_road_or_on_site_it_is_a_visit_not_a_remote_resolution(TicketStatus status)
    {
        var ticket = InStatus(status);

        var refusal = ticket.ResolveRemotely(Later(ticket), Engineer, RemoteMethod.Phone, "电话指导").Refusal;

        Assert.Equal((RefusalKind.Conflict, TicketRefusal.InvalidTransition), (refusal!.Kind, refusal.Code));
        Assert.Null(ticket.RemoteMethod);
    }

    private static ServiceLevelPolicy Policy(TimeSpan? resolution, TimeSpan? remote) => ServiceLevelPolicy.Create(new("通用",
        FirstResponse: TimeSpan.FromHours(8), Arrival: TimeSpan.FromHours(24), Resolution: resolution, RemoteResolution: remote,
        CountsWorkingTime: true, ResolutionCountsWorkingTime: false));

    [Fact]
    public void A_visit_is_held_to_arrival_and_resolution_and_a_remote_resolution_to_its_own_target_instead()
    {
        var policy = Policy(TimeSpan.FromHours(72), TimeSpan.FromHours(4));

        Assert.Equal([SlaTarget.FirstResponse, SlaTarget.Arrival, SlaTarget.Resolution], policy.TargetsFor(resolvedRemotely: false).Select(t => t.Target));
        Assert.Equal(
            [(SlaTarget.FirstResponse, TimeSpan.FromHours(8), true), (SlaTarget.RemoteResolution, TimeSpan.FromHours(4), false)],
            policy.TargetsFor(resolvedRemotely: true));
    }

    [Fact]
    public void Without_a_remote_target_a_remote_resolution_is_held_to_the_resolution_time_and_without_either_to_none()
    {
        Assert.Contains((SlaTarget.RemoteResolution, TimeSpan.FromHours(72), false), Policy(TimeSpan.FromHours(72), null).TargetsFor(true));
        Assert.Equal([SlaTarget.FirstResponse], Policy(null, null).TargetsFor(true).Select(t => t.Target));
    }

    [Fact]
    public void A_remote_target_must_be_positive_and_alone_is_a_target()
    {
        var errors = ServiceLevelPolicyRules.Check(new("远程", RemoteResolution: TimeSpan.Zero));
        Assert.Contains(errors.ToRefusal().Errors, e => e.Field == "remoteResolution" && e.Code == "must_be_positive");
        Assert.False(ServiceLevelPolicyRules.Check(new("远程", RemoteResolution: TimeSpan.FromHours(4))).Any);
    }

    [Fact]
    public void The_share_counts_remote_resolutions_of_resolved_tickets_and_lists_them()
    {
        var t0 = new DateTime(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);
        TicketFact Fact(int id, bool resolved, bool remote) =>
            new(id, $"T{id}", t0, t0.AddHours(1), remote ? null : t0.AddHours(3), resolved ? t0.AddHours(5) : null, null, null, false, false, false, [], null, remote);

        var facts = ServiceFactsCalculator.Compute([Fact(1, true, true), Fact(2, true, false), Fact(3, true, true), Fact(4, false, false)], []);

        var share = facts.Single(f => f.Code == ServiceFactsCalculator.RemoteResolutionShare);
        Assert.Equal((66.67m, 2, 3), (share.Value, share.Numerator, share.Denominator));
        Assert.Equal([1, 3], share.EvidenceTicketIds);
        var count = facts.Single(f => f.Code == ServiceFactsCalculator.RemoteResolutions);
        Assert.Equal(2m, count.Value);
        Assert.Equal([1, 3], count.EvidenceTicketIds);
    }
}
