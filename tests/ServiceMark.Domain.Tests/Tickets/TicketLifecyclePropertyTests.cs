using System.Collections.Concurrent;
using CsCheck;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Tickets;
using static ServiceMark.Domain.Tests.Tickets.TicketBuilder;

namespace ServiceMark.Domain.Tests.Tickets;

[Trait("Rule", "R-TKT-3")]
public sealed class TicketLifecyclePropertyTests
{
    private static readonly TicketAction[] Actions = Enum.GetValues<TicketAction>();

    /// <summary>
    /// One step of a random session. Mostly an action the table allows now (so sessions get deep into the
    /// lifecycle), otherwise any action or "record the report's work"; minutes after the latest step, negative when
    /// the caller's clock is behind; and whether the data is valid.
    /// </summary>
    private sealed record Step(bool PreferAllowed, int Choice, int Minutes, bool ValidData)
    {
        public override string ToString() => $"({(PreferAllowed ? "allowed" : "any")} #{Choice}, {Minutes:+0;-0} min, {(ValidData ? "valid" : "bad")})";
    }

    private static readonly Gen<Step> StepGen =
        Gen.Select(Gen.Int[0, 3].Select(i => i != 0), Gen.Int[0, 1000], Gen.Int[-30, 120].Where(m => m != 0), Gen.Int[0, 5].Select(i => i != 0))
            .Select((preferAllowed, choice, minutes, valid) => new Step(preferAllowed, choice, minutes, valid));

    [Fact]
    public void Random_sessions_move_only_along_the_table_and_keep_events_in_time_order()
    {
        var reachable = TicketTransitionsTests.Reachable(TicketStatus.Reported);
        var taken = new ConcurrentDictionary<(TicketStatus, TicketAction), bool>();

        // Sessions start in any status (reached through legal steps, with or without the work recorded) so that
        // the late statuses get as much random traffic as the early ones.
        Gen.Select(Gen.Enum<TicketStatus>(), Gen.Bool, StepGen.Array[1, 60]).Sample((start, recordWork, steps) =>
        {
            var signed = start is TicketStatus.ReportSigned or TicketStatus.ReportApproved or TicketStatus.Closed or TicketStatus.FollowedUp;
            var ticket = InStatus(start, recordWork || signed);
            foreach (var step in steps)
            {
                if (Apply(ticket, step, reachable) is { } pair)
                {
                    taken.TryAdd(pair, true);
                }
            }
        }, iter: 1000);

        // Guards the generator: a property that never takes some transitions would prove little about them.
        Assert.Equal(TicketTransitions.Table.Keys.Order(), taken.Keys.Order());
    }

    /// <summary>Performs one step and checks it; returns the transition taken, if one was.</summary>
    private static (TicketStatus, TicketAction)? Apply(ServiceTicket ticket, Step step, HashSet<TicketStatus> reachable)
    {
        var before = TicketSnapshot.Of(ticket);
        var now = ticket.LastStepAtUtc.AddMinutes(step.Minutes);
        var allowed = TicketTransitions.Allowed(ticket.Status);
        var action = step.PreferAllowed && allowed.Count > 0
            ? step.Choice % (allowed.Count + 1) < allowed.Count ? allowed[step.Choice % (allowed.Count + 1)] : (TicketAction?)null
            : step.Choice % (Actions.Length + 1) < Actions.Length ? Actions[step.Choice % (Actions.Length + 1)] : null;

        if (action is not { } a)
        {
            var recorded = ticket.RecordReport(now, Engineer, step.ValidData ? Work : Work with { CompensationAmount = -1 });
            Assert.Equal(before with { Reports = TicketSnapshot.Of(ticket).Reports }, TicketSnapshot.Of(ticket));
            if (!recorded.Succeeded)
            {
                Assert.Equal(before, TicketSnapshot.Of(ticket));
            }

            CheckInvariants(ticket, reachable);
            return null;
        }

        var expected = TicketTransitions.Next(before.Status, a, before.ReturnStatus);
        var (outcome, hasData) = step.ValidData ? (Attempt(ticket, a, now), true) : AttemptWithBadData(ticket, a, now);

        if (outcome.Refusal is { } refusal)
        {
            Assert.Equal(before, TicketSnapshot.Of(ticket));
            Assert.Null(outcome.Reopened);
            if (expected is null)
            {
                Assert.Equal(TicketRefusal.InvalidTransition, refusal.Code);
            }
            else if (step.Minutes < 0)
            {
                Assert.Equal(TicketRefusal.TimeOutOfOrder, refusal.Code);
            }
            else if (step.ValidData || !hasData)
            {
                // Valid data is refused only when the customer would sign a report without recorded work.
                Assert.Equal((TicketAction.SignReport, TicketRefusal.WorkNotRecorded), (a, refusal.Code));
                Assert.False(ticket.Report is { IsWorkRecorded: true, IsRejected: false });
            }
            else
            {
                Assert.NotEqual(RefusalKind.Conflict, refusal.Kind);
            }
        }
        else
        {
            Assert.NotNull(expected);
            Assert.True(step.Minutes > 0);
            Assert.True(step.ValidData || !hasData, $"{a} accepted bad data");
            Assert.Equal(expected, ticket.Status);
            Assert.Equal(before.EventCount + 1, ticket.Events.Count);
            var e = ticket.Events[^1];
            Assert.Equal((a, before.Status, expected.Value, now), (e.Action, e.FromStatus, e.ToStatus, e.AtUtc));
            if (a == TicketAction.Reopen)
            {
                Assert.Equal((TicketStatus.Reported, ticket.Number), (outcome.Reopened?.Status, outcome.Reopened?.OriginalTicketNumber));
            }
        }

        CheckInvariants(ticket, reachable);
        return outcome.Refusal is null ? (before.Status, a) : null;
    }

    private static void CheckInvariants(ServiceTicket ticket, HashSet<TicketStatus> reachable)
    {
        Assert.Contains(ticket.Status, reachable);
        Assert.Equal(TicketTransitions.IsWaiting(ticket.Status), ticket.ReturnStatus is not null);
        if (ticket.ReturnStatus is { } back)
        {
            Assert.Contains(back, TicketTransitions.ResumableFrom(ticket.Status));
        }

        Assert.Equal(Enumerable.Range(1, ticket.Events.Count), ticket.Events.Select(e => e.Sequence));
        var times = ticket.Events.Select(e => e.AtUtc).Prepend(ticket.ReportedAtUtc).ToList();
        for (var i = 1; i < times.Count; i++)
        {
            Assert.True(times[i] > times[i - 1], $"event {i} at {times[i]:O} is not after {times[i - 1]:O}");
        }

        for (var i = 1; i < ticket.Events.Count; i++)
        {
            Assert.Equal(ticket.Events[i - 1].ToStatus, ticket.Events[i].FromStatus);
        }
    }
}
