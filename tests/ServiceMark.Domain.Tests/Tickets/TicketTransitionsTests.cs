using ServiceMark.Domain.Common;
using ServiceMark.Domain.Tickets;

namespace ServiceMark.Domain.Tests.Tickets;

[Trait("Rule", "R-TKT-3")]
public sealed class TicketTransitionsTests
{
    public static TheoryData<TicketStatus, TicketAction> AllPairs()
    {
        var data = new TheoryData<TicketStatus, TicketAction>();
        foreach (var status in Enum.GetValues<TicketStatus>())
        {
            foreach (var action in Enum.GetValues<TicketAction>())
            {
                data.Add(status, action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Every_action_in_every_status_does_what_the_table_says(TicketStatus status, TicketAction action)
    {
        var ticket = TicketBuilder.InStatus(status);
        var before = TicketSnapshot.Of(ticket);
        var expected = TicketTransitions.Next(status, action, ticket.ReturnStatus);
        var now = TicketBuilder.Later(ticket);

        var outcome = TicketBuilder.Attempt(ticket, action, now);

        if (expected is { } next)
        {
            Assert.Null(outcome.Refusal);
            Assert.Equal(next, ticket.Status);
            Assert.Equal(before.EventCount + 1, ticket.Events.Count);
            var e = ticket.Events[^1];
            Assert.Equal((action, status, next, now, before.EventCount + 1), (e.Action, e.FromStatus, e.ToStatus, e.AtUtc, e.Sequence));
        }
        else
        {
            var refusal = Assert.IsType<Refusal>(outcome.Refusal);
            Assert.Equal(RefusalKind.Conflict, refusal.Kind);
            Assert.Equal(TicketRefusal.InvalidTransition, refusal.Code);
            Assert.StartsWith($"{action} is not allowed", refusal.Message, StringComparison.Ordinal);
            Assert.Contains($"the ticket is {status}", refusal.Message, StringComparison.Ordinal);
            Assert.Null(outcome.Reopened);
            Assert.Equal(before, TicketSnapshot.Of(ticket));
        }
    }

    [Fact]
    public void Every_status_is_reachable_from_reported_and_every_open_status_can_still_end()
    {
        var reachable = Reachable(TicketStatus.Reported);
        Assert.Equal(Enum.GetValues<TicketStatus>().ToHashSet(), reachable);

        foreach (var status in Enum.GetValues<TicketStatus>().Where(TicketTransitions.IsOpen))
        {
            var ahead = Reachable(status);
            Assert.True(ahead.Contains(TicketStatus.Closed) || ahead.Contains(TicketStatus.Cancelled), $"{status} is a dead end");
        }
    }

    [Fact]
    public void The_table_offers_the_expected_actions_for_the_ui()
    {
        Assert.Equal([TicketAction.Register, TicketAction.Escalate, TicketAction.Cancel], TicketTransitions.Allowed(TicketStatus.Reported));
        Assert.Equal([TicketAction.ApproveReport, TicketAction.RejectReport], TicketTransitions.Allowed(TicketStatus.ReportSigned));
        Assert.Equal([TicketAction.RecordFollowUp, TicketAction.Reopen], TicketTransitions.Allowed(TicketStatus.Closed));
        Assert.Equal([TicketAction.Reopen], TicketTransitions.Allowed(TicketStatus.FollowedUp));
        Assert.Empty(TicketTransitions.Allowed(TicketStatus.Cancelled));
        Assert.Equal(
            [TicketAction.Escalate, TicketAction.SupplierReplied, TicketAction.Cancel],
            TicketTransitions.Allowed(TicketStatus.WaitingForSupplier));
    }

    [Fact]
    public void Cancel_and_escalate_are_allowed_exactly_in_the_open_states_before_resolution()
    {
        TicketStatus[] beforeResolved =
        [
            TicketStatus.Reported, TicketStatus.Registered, TicketStatus.Classified, TicketStatus.Dispatched, TicketStatus.Accepted,
            TicketStatus.Travelling, TicketStatus.OnSite, TicketStatus.Diagnosed, TicketStatus.WaitingForCustomer,
            TicketStatus.WaitingForSupplier, TicketStatus.InPool,
        ];
        foreach (var status in Enum.GetValues<TicketStatus>())
        {
            var expected = beforeResolved.Contains(status);
            Assert.Equal(expected, TicketTransitions.IsAllowed(status, TicketAction.Cancel));
            Assert.Equal(expected, TicketTransitions.IsAllowed(status, TicketAction.Escalate));
            Assert.Equal(expected ? status : null, TicketTransitions.Next(status, TicketAction.Escalate, null));
        }
    }

    [Fact]
    public void A_refusal_in_a_final_status_says_nothing_more_is_allowed()
    {
        var refusal = TicketRefusal.ForInvalidTransition(TicketStatus.Cancelled, TicketAction.Reopen);
        Assert.Equal("Reopen is not allowed: the ticket is Cancelled, which allows no further action.", refusal.Message);
    }

    /// <summary>Statuses reachable from <paramref name="start"/>; a resume reaches every status a wait can begin from.</summary>
    internal static HashSet<TicketStatus> Reachable(TicketStatus start)
    {
        var seen = new HashSet<TicketStatus> { start };
        var queue = new Queue<TicketStatus>([start]);
        while (queue.TryDequeue(out var from))
        {
            foreach (var ((source, _), target) in TicketTransitions.Table)
            {
                if (source != from)
                {
                    continue;
                }

                var targets = target.Status is { } fixedTarget ? [fixedTarget] : TicketTransitions.ResumableFrom(from);
                foreach (var to in targets.Where(seen.Add))
                {
                    queue.Enqueue(to);
                }
            }
        }

        return seen;
    }

    [Fact]
    [Trait("Rule", "R-TKT-6")]
    public void A_pooled_ticket_is_taken_by_one_engineer_who_leads_it_and_has_accepted_it()
    {
        var ticket = TicketBuilder.InStatus(TicketStatus.InPool);
        Assert.Equal(4, ticket.PoolUnitId);
        Assert.Empty(ticket.Assignments);
        var now = TicketBuilder.Later(ticket);

        Assert.Null(ticket.TakeFromPool(now, TicketBuilder.Engineer, TicketBuilder.Engineer1).Refusal);

        Assert.Equal(TicketStatus.Accepted, ticket.Status);
        Assert.Null(ticket.PoolUnitId);
        Assert.Equal(now, ticket.FirstResponseAtUtc);
        var assignment = Assert.Single(ticket.Assignments);
        Assert.Equal((TicketBuilder.Engineer1, true), (assignment.EngineerId, assignment.IsLead));
        Assert.Equal(TicketRefusal.InvalidTransition, ticket.TakeFromPool(TicketBuilder.Later(ticket), TicketBuilder.Engineer, 77).Refusal!.Code);
    }
}
