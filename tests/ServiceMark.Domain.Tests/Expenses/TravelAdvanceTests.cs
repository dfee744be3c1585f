using ServiceMark.Domain.Common;
using ServiceMark.Domain.Expenses;

namespace ServiceMark.Domain.Tests.Expenses;

/// <summary>借款 (R-EXP-1): the state machine exhaustively, the field checks, and nobody decides or pays their own advance.</summary>
[Trait("Rule", "R-EXP-1")]
public sealed class TravelAdvanceTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 2, 0, 0, DateTimeKind.Utc);
    private const int Engineer = 11;
    private const int Leader = 5;
    private const int Finance = 25;

    private static TravelAdvance Requested() => TravelAdvance.Request(Now, Engineer, "新乡客运站三台车巡检", [7, 3, 7], 3000m).Value!;

    [Fact]
    public void Every_action_from_every_state_follows_the_table()
    {
        var expected = new Dictionary<(AdvanceStatus, AdvanceAction), AdvanceStatus>
        {
            [(AdvanceStatus.Requested, AdvanceAction.Approve)] = AdvanceStatus.Approved,
            [(AdvanceStatus.Requested, AdvanceAction.Reject)] = AdvanceStatus.Rejected,
            [(AdvanceStatus.Requested, AdvanceAction.Cancel)] = AdvanceStatus.Cancelled,
            [(AdvanceStatus.Approved, AdvanceAction.Pay)] = AdvanceStatus.Paid,
            [(AdvanceStatus.Approved, AdvanceAction.Cancel)] = AdvanceStatus.Cancelled,
            [(AdvanceStatus.Paid, AdvanceAction.Settle)] = AdvanceStatus.Settled,
        };
        foreach (var status in Enum.GetValues<AdvanceStatus>())
        {
            foreach (var action in Enum.GetValues<AdvanceAction>())
            {
                var advance = InState(status);
                var refusal = Act(advance, action);
                if (expected.TryGetValue((status, action), out var to))
                {
                    Assert.Null(refusal);
                    Assert.Equal(to, advance.Status);
                    Assert.Equal(to, AdvanceTransitions.Next(status, action));
                }
                else
                {
                    Assert.Equal("invalid_transition", refusal?.Code);
                    Assert.Equal(status, advance.Status);
                    Assert.Null(AdvanceTransitions.Next(status, action));
                }
            }
        }
    }

    [Fact]
    public void The_request_keeps_its_tickets_once_and_refuses_bad_fields()
    {
        var advance = Requested();
        Assert.Equal([3, 7], advance.TicketIds);
        Assert.Equal(3000m, advance.Amount);

        static IEnumerable<string> Fields(Result<TravelAdvance> r) => r.Refusal!.Errors.Select(e => e.Field);
        Assert.Equal(["purpose", "amount"], Fields(TravelAdvance.Request(Now, Engineer, " ", null, 0m)));
        Assert.Equal(["amount"], Fields(TravelAdvance.Request(Now, Engineer, "巡检", null, 10.005m)));
        Assert.Equal(["amount"], Fields(TravelAdvance.Request(Now, Engineer, "巡检", null, -1m)));
        Assert.Equal(["amount"], Fields(TravelAdvance.Request(Now, Engineer, "巡检", null, 1e9m)));
        Assert.Equal(["purpose"], Fields(TravelAdvance.Request(Now, Engineer, new string('差', TravelAdvance.PurposeMaxLength + 1), null, 1m)));
    }

    [Fact]
    public void Nobody_decides_or_pays_their_own_advance_and_a_rejection_says_why()
    {
        var advance = Requested();
        Assert.Equal("self", advance.Decide(Now, Engineer, approve: true, null)?.Code);
        Assert.Equal(["note"], advance.Decide(Now, Leader, approve: false, " ")!.Errors.Select(e => e.Field));
        Assert.Equal(AdvanceStatus.Requested, advance.Status);

        Assert.Null(advance.Decide(Now, Leader, approve: true, null));
        Assert.Equal("self", advance.Pay(Now, Engineer)?.Code);
        Assert.Equal(AdvanceStatus.Approved, advance.Status);
        Assert.Null(advance.Pay(Now.AddHours(3), Finance));
        Assert.Equal((Leader, Finance), (advance.DecidedById, advance.PaidById));
    }

    [Fact]
    public void An_outstanding_advance_ages_by_local_days_since_it_was_paid()
    {
        var advance = InState(AdvanceStatus.Paid);
        Assert.True(AdvanceTransitions.IsOutstanding(advance.Status));
        DateOnly Local(DateTime utc) => DateOnly.FromDateTime(utc.AddHours(8));
        Assert.Equal(10, advance.AgeInDays(new DateOnly(2026, 12, 17), Local));
        Assert.Null(InState(AdvanceStatus.Settled).AgeInDays(new DateOnly(2026, 12, 17), Local));
    }

    private static Refusal? Act(TravelAdvance advance, AdvanceAction action) => action switch
    {
        AdvanceAction.Approve => advance.Decide(Now, Leader, approve: true, null),
        AdvanceAction.Reject => advance.Decide(Now, Leader, approve: false, "行程可合并到下周"),
        AdvanceAction.Pay => advance.Pay(Now, Finance),
        AdvanceAction.Settle => advance.Settle(Now, 41),
        _ => advance.Cancel(),
    };

    private static TravelAdvance InState(AdvanceStatus status)
    {
        var advance = Requested();
        AdvanceAction[] path = status switch
        {
            AdvanceStatus.Requested => [],
            AdvanceStatus.Approved => [AdvanceAction.Approve],
            AdvanceStatus.Rejected => [AdvanceAction.Reject],
            AdvanceStatus.Paid => [AdvanceAction.Approve, AdvanceAction.Pay],
            AdvanceStatus.Settled => [AdvanceAction.Approve, AdvanceAction.Pay, AdvanceAction.Settle],
            _ => [AdvanceAction.Cancel],
        };
        foreach (var step in path)
        {
            Assert.Null(Act(advance, step));
        }

        Assert.Equal(status, advance.Status);
        return advance;
    }
}
