using ServiceMark.Domain.Common;
using ServiceMark.Domain.Expenses;

namespace ServiceMark.Domain.Tests.Expenses;

/// <summary>有偿服务审批 and 现金交接 (R-TKT-5): the request's state machine exhaustively, self-approval, the cash confirmed by finance.</summary>
[Trait("Rule", "R-TKT-5")]
public sealed class PaidServiceTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 2, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 12, 7);
    private const int Engineer = 11;
    private const int Leader = 5;
    private const int Finance = 25;

    private static PaidServiceApproval Requested() => PaidServiceApproval.Request(Now, 41, Engineer, 380m, " 非三包：更换损坏的车门玻璃 ").Value!;

    private static PaidServiceApproval InState(PaidServiceStatus status)
    {
        var p = Requested();
        var refusal = status switch
        {
            PaidServiceStatus.Approved => p.Decide(Now, Leader, true, null),
            PaidServiceStatus.Rejected => p.Decide(Now, Leader, false, "三包期内，不应收费"),
            PaidServiceStatus.Cancelled => p.Cancel(),
            _ => null,
        };
        Assert.Null(refusal);
        return p;
    }

    [Fact]
    public void Every_action_from_every_state_follows_the_table()
    {
        var expected = new Dictionary<(PaidServiceStatus, PaidServiceAction), PaidServiceStatus>
        {
            [(PaidServiceStatus.Requested, PaidServiceAction.Approve)] = PaidServiceStatus.Approved,
            [(PaidServiceStatus.Requested, PaidServiceAction.Reject)] = PaidServiceStatus.Rejected,
            [(PaidServiceStatus.Requested, PaidServiceAction.Cancel)] = PaidServiceStatus.Cancelled,
        };
        foreach (var status in Enum.GetValues<PaidServiceStatus>())
        {
            foreach (var action in Enum.GetValues<PaidServiceAction>())
            {
                var p = InState(status);
                var refusal = action switch
                {
                    PaidServiceAction.Approve => p.Decide(Now, Leader, true, null),
                    PaidServiceAction.Reject => p.Decide(Now, Leader, false, "不符合收费标准"),
                    _ => p.Cancel(),
                };
                if (expected.TryGetValue((status, action), out var to))
                {
                    Assert.Null(refusal);
                    Assert.Equal(to, p.Status);
                }
                else
                {
                    Assert.Equal("invalid_transition", refusal?.Code);
                    Assert.Equal(status, p.Status);
                }
            }
        }
    }

    [Fact]
    public void A_request_says_what_and_how_much_and_nobody_decides_their_own()
    {
        Assert.Equal("非三包：更换损坏的车门玻璃", Requested().Description);
        Assert.Equal(["chargedFor", "amount"], PaidServiceApproval.Request(Now, 41, Engineer, 0m, " ").Refusal!.Errors.Select(e => e.Field));
        Assert.Contains(PaidServiceApproval.Request(Now, 41, Engineer, 1.005m, "x").Refusal!.Errors, e => e.Field == "amount");
        var p = Requested();
        Assert.Equal(SegregationOfDuties.Self, p.Decide(Now, Engineer, true, null)?.Code);
        Assert.Contains(p.Decide(Now, Leader, false, " ")!.Errors, e => e.Field == "note"); // a rejection says why
        Assert.Equal(PaidServiceStatus.Requested, p.Status);
    }

    [Fact]
    public void Cash_is_confirmed_by_finance_once_and_never_by_the_person_who_held_it()
    {
        var h = CashHandOver.Record(Now, Today, 41, Engineer, 380m, Today.AddDays(-3), " 收据 0088 ").Value!;
        Assert.Equal(("收据 0088", 3), (h.ReceiptNumber, h.AgeInDays(Today)));
        Assert.Equal(SegregationOfDuties.Self, h.Confirm(Now, Engineer)?.Code);
        Assert.Null(h.Confirm(Now, Finance));
        Assert.Equal("invalid_transition", h.Confirm(Now, Finance)?.Code);
        Assert.Null(h.AgeInDays(Today));
        Assert.Contains(CashHandOver.Record(Now, Today, 41, Engineer, 0m, Today, null).Refusal!.Errors, e => e.Field == "amount");
        Assert.Contains(CashHandOver.Record(Now, Today, 41, Engineer, 10m, Today.AddDays(1), null).Refusal!.Errors, e => e.Field == "collectedOn");
    }
}
