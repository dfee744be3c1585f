using CsCheck;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Expenses;

namespace ServiceMark.Domain.Tests.Expenses;

/// <summary>报销 (R-EXP-1): the state machine exhaustively, the lines, self-approval, settling advances and the per diem.</summary>
[Trait("Rule", "R-EXP-1")]
public sealed class ExpenseClaimTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 2, 0, 0, DateTimeKind.Utc);
    private const int Engineer = 11;
    private const int Leader = 5;
    private const int Finance = 25;

    private static readonly ExpenseLine[] Trip =
    [
        new(ExpenseCategory.Travel, new DateOnly(2026, 11, 30), 286.5m, "郑州—新乡 往返高铁", 2),
        new(ExpenseCategory.Lodging, new DateOnly(2026, 11, 30), 398m, "两晚", 1),
        new(ExpenseCategory.PerDiem, new DateOnly(2026, 11, 30), 300m, null, 0, new DateOnly(2026, 12, 2), 100m, "省内出差"),
        new(ExpenseCategory.Freight, new DateOnly(2026, 12, 1), 23.5m, "旧件寄回", 1),
    ];

    private static ExpenseClaim Drafted() => ExpenseClaim.Draft(Now, Engineer, Trip, [41, 41]).Value!;

    [Fact]
    public void Every_action_from_every_state_follows_the_table()
    {
        var expected = new Dictionary<(ExpenseClaimStatus, ExpenseClaimAction), ExpenseClaimStatus>
        {
            [(ExpenseClaimStatus.Draft, ExpenseClaimAction.Submit)] = ExpenseClaimStatus.Submitted,
            [(ExpenseClaimStatus.Draft, ExpenseClaimAction.Cancel)] = ExpenseClaimStatus.Cancelled,
            [(ExpenseClaimStatus.Submitted, ExpenseClaimAction.Approve)] = ExpenseClaimStatus.Approved,
            [(ExpenseClaimStatus.Submitted, ExpenseClaimAction.Return)] = ExpenseClaimStatus.Returned,
            [(ExpenseClaimStatus.Returned, ExpenseClaimAction.Submit)] = ExpenseClaimStatus.Submitted,
            [(ExpenseClaimStatus.Returned, ExpenseClaimAction.Cancel)] = ExpenseClaimStatus.Cancelled,
            [(ExpenseClaimStatus.Approved, ExpenseClaimAction.Pay)] = ExpenseClaimStatus.Paid,
        };
        foreach (var status in Enum.GetValues<ExpenseClaimStatus>())
        {
            foreach (var action in Enum.GetValues<ExpenseClaimAction>())
            {
                var claim = InState(status);
                var refusal = Act(claim, action);
                if (expected.TryGetValue((status, action), out var to))
                {
                    Assert.Null(refusal);
                    Assert.Equal(to, claim.Status);
                }
                else
                {
                    Assert.Equal("invalid_transition", refusal?.Code);
                    Assert.Equal(status, claim.Status);
                }

                // Lines change only while the claim is with the claimant.
                var edited = InState(status).Edit(Trip[..1], null);
                Assert.Equal(ExpenseClaimTransitions.IsEditable(status), edited is null);
            }
        }
    }

    [Fact]
    public void The_total_is_the_sum_of_the_lines_and_bad_lines_are_named_by_index()
    {
        var claim = Drafted();
        Assert.Equal(1008m, claim.Total);
        Assert.Equal([41], claim.AdvanceIds);

        ExpenseLine[] bad =
        [
            new(ExpenseCategory.Travel, new DateOnly(2026, 11, 30), 0m, null, 0),
            new((ExpenseCategory)99, new DateOnly(2026, 11, 30), 10.001m, new string('票', ExpenseClaim.DescriptionMaxLength + 1), -1),
        ];
        Assert.Equal(["lines[0].amount", "lines[1].category", "lines[1].amount", "lines[1].description", "lines[1].receipts"],
            ExpenseClaim.Draft(Now, Engineer, bad, null).Refusal!.Errors.Select(e => e.Field));
        Assert.Equal(["lines"], ExpenseClaim.Draft(Now, Engineer, [], null).Value!.Submit(Now)!.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Nobody_decides_or_pays_their_own_claim_and_a_return_says_why()
    {
        var claim = InState(ExpenseClaimStatus.Submitted);
        Assert.Equal(SegregationOfDuties.Self, claim.Decide(Now, Engineer, approve: true, null)?.Code);
        Assert.Equal(["note"], claim.Decide(Now, Leader, approve: false, null)!.Errors.Select(e => e.Field));
        Assert.Null(claim.Decide(Now, Leader, approve: true, "同意"));
        Assert.Equal(SegregationOfDuties.Self, claim.Pay(Now, Engineer)?.Code);
        Assert.Null(claim.Pay(Now, Finance));
        Assert.Equal(ExpenseClaimStatus.Paid, claim.Status);
    }

    [Fact]
    public void A_claim_settles_its_advances_in_both_directions_to_the_fen()
    {
        // Worked examples: ¥1 008.00 spent against a ¥3 000.00 advance — ¥1 992.00 comes back; against ¥500.00 — ¥508.00 is paid.
        Assert.Equal(new ExpenseSettlement(1008m, 3000m, 0m, 1992m), ExpenseSettlement.Of(1008m, [3000m]));
        Assert.Equal(new ExpenseSettlement(1008m, 500m, 508m, 0m), ExpenseSettlement.Of(1008m, [300m, 200m]));
        Assert.Equal(new ExpenseSettlement(1008m, 1008m, 0m, 0m), ExpenseSettlement.Of(1008m, [1008m]));

        // The law: paid minus returned is the claim minus the advances, exactly, and never both.
        Gen.Select(Gen.Int[0, 10_000_000], Gen.Int[0, 10_000_000].Array[0, 4]).Sample((claimFen, advanceFen) =>
        {
            var s = ExpenseSettlement.Of(claimFen / 100m, advanceFen.Select(a => a / 100m));
            return s.ToPay - s.ToReturn == s.ClaimTotal - s.Advanced && (s.ToPay == 0m || s.ToReturn == 0m) && s.ToPay >= 0m && s.ToReturn >= 0m;
        });
    }

    [Fact]
    public void The_per_diem_counts_every_day_of_a_trip_holidays_included()
    {
        // Away from 30 September to 3 October 2026, across the National Day holiday: 4 days at ¥100.00 = ¥400.00.
        Assert.Equal(4, PerDiem.Days(new DateOnly(2026, 9, 30), new DateOnly(2026, 10, 3)));
        Assert.Equal(400m, PerDiem.Amount(new DateOnly(2026, 9, 30), new DateOnly(2026, 10, 3), 100m));
        Assert.Equal(1, PerDiem.Days(new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 7)));
        Assert.Equal(137.5m, PerDiem.Amount(new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 8), 68.75m));
        Assert.Null(PerDiem.Days(new DateOnly(2026, 12, 8), new DateOnly(2026, 12, 7)));
        Assert.Equal(0m, PerDiem.Amount(new DateOnly(2026, 12, 8), new DateOnly(2026, 12, 7), 100m));
    }

    [Fact]
    public void A_per_diem_line_is_days_times_the_rate_it_names()
    {
        var from = new DateOnly(2026, 9, 30);
        ExpenseLine PerDiemLine(decimal amount, DateOnly? until, decimal? rate) => new(ExpenseCategory.PerDiem, from, amount, null, 0, until, rate, "省外出差");
        Assert.Null(ExpenseClaim.Draft(Now, Engineer, [PerDiemLine(400m, new DateOnly(2026, 10, 3), 100m)], null).Refusal);
        string[] Fields(ExpenseLine line) => ExpenseClaim.Draft(Now, Engineer, [line], null).Refusal!.Errors.Select(e => $"{e.Field}:{e.Code}").ToArray();
        Assert.Equal(["lines[0].amount:mismatch"], Fields(PerDiemLine(399.99m, new DateOnly(2026, 10, 3), 100m)));
        Assert.Equal(["lines[0].until:required"], Fields(PerDiemLine(100m, null, 100m)));
        Assert.Equal(["lines[0].until:before_start"], Fields(PerDiemLine(100m, new DateOnly(2026, 9, 29), 100m)));
        Assert.Equal(["lines[0].until:range"], Fields(PerDiemLine(100m, from.AddDays(ExpenseClaim.MaxTripDays + 1), 100m)));
        Assert.Equal(["lines[0].allowanceId:required"], Fields(PerDiemLine(100m, from, null)));
    }

    private static Refusal? Act(ExpenseClaim claim, ExpenseClaimAction action) => action switch
    {
        ExpenseClaimAction.Submit => claim.Submit(Now),
        ExpenseClaimAction.Approve => claim.Decide(Now, Leader, approve: true, null),
        ExpenseClaimAction.Return => claim.Decide(Now, Leader, approve: false, "住宿发票抬头不符"),
        ExpenseClaimAction.Pay => claim.Pay(Now, Finance),
        _ => claim.Cancel(),
    };

    private static ExpenseClaim InState(ExpenseClaimStatus status)
    {
        var claim = Drafted();
        ExpenseClaimAction[] path = status switch
        {
            ExpenseClaimStatus.Draft => [],
            ExpenseClaimStatus.Submitted => [ExpenseClaimAction.Submit],
            ExpenseClaimStatus.Returned => [ExpenseClaimAction.Submit, ExpenseClaimAction.Return],
            ExpenseClaimStatus.Approved => [ExpenseClaimAction.Submit, ExpenseClaimAction.Approve],
            ExpenseClaimStatus.Paid => [ExpenseClaimAction.Submit, ExpenseClaimAction.Approve, ExpenseClaimAction.Pay],
            _ => [ExpenseClaimAction.Cancel],
        };
        foreach (var step in path)
        {
            Assert.Null(Act(claim, step));
        }

        Assert.Equal(status, claim.Status);
        return claim;
    }
}
