using ServiceMark.Domain.Parts;

namespace ServiceMark.Domain.Tests.Parts;

/// <summary>二次索赔 (R-PRT-4/5): the state machine exhaustively, the amounts, and nobody signs off the shipping of their own claim.</summary>
[Trait("Rule", "R-PRT-5")]
public sealed class SupplierClaimTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc);

    private static SupplierClaim Raised() => SupplierClaim.Raise(Now, 23, 4, 7, 9, 165m, 80m, 20m, "车门电磁阀三包索赔").Value!;

    [Fact]
    public void Every_action_from_every_state_follows_the_table()
    {
        var expected = new Dictionary<(ClaimStatus, ClaimAction), ClaimStatus>
        {
            [(ClaimStatus.Draft, ClaimAction.Send)] = ClaimStatus.Sent,
            [(ClaimStatus.Draft, ClaimAction.Cancel)] = ClaimStatus.Cancelled,
            [(ClaimStatus.Sent, ClaimAction.Accept)] = ClaimStatus.Accepted,
            [(ClaimStatus.Sent, ClaimAction.AcceptPartly)] = ClaimStatus.PartlyAccepted,
            [(ClaimStatus.Sent, ClaimAction.Reject)] = ClaimStatus.Rejected,
            [(ClaimStatus.Accepted, ClaimAction.Settle)] = ClaimStatus.Settled,
            [(ClaimStatus.PartlyAccepted, ClaimAction.Settle)] = ClaimStatus.Settled,
        };
        foreach (var status in Enum.GetValues<ClaimStatus>())
        {
            foreach (var action in Enum.GetValues<ClaimAction>())
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
            }
        }
    }

    private static Domain.Common.Refusal? Act(SupplierClaim claim, ClaimAction action) => action switch
    {
        ClaimAction.Send => claim.Send(Now, "顺丰", "SF1234567890", 23.5m),
        ClaimAction.Accept => claim.Decide(Now, ClaimAction.Accept, null, null),
        ClaimAction.AcceptPartly => claim.Decide(Now, ClaimAction.AcceptPartly, 100m, "工时费不予承担"),
        ClaimAction.Reject => claim.Decide(Now, ClaimAction.Reject, null, "有拆卸痕迹"),
        ClaimAction.Settle => claim.Settle(Now, 50m),
        _ => claim.Cancel(),
    };

    private static SupplierClaim InState(ClaimStatus status)
    {
        var claim = Raised();
        ClaimAction[] path = status switch
        {
            ClaimStatus.Draft => [],
            ClaimStatus.Sent => [ClaimAction.Send],
            ClaimStatus.Accepted => [ClaimAction.Send, ClaimAction.Accept],
            ClaimStatus.PartlyAccepted => [ClaimAction.Send, ClaimAction.AcceptPartly],
            ClaimStatus.Rejected => [ClaimAction.Send, ClaimAction.Reject],
            ClaimStatus.Settled => [ClaimAction.Send, ClaimAction.Accept, ClaimAction.Settle],
            _ => [ClaimAction.Cancel],
        };
        foreach (var step in path)
        {
            Assert.Null(Act(claim, step));
        }

        Assert.Equal(status, claim.Status);
        return claim;
    }

    [Fact]
    public void The_claim_is_part_labour_and_freight_and_each_amount_is_money()
    {
        var claim = Raised();
        Assert.Equal((265m, ClaimStatus.Draft, 23), (claim.ClaimAmount, claim.Status, claim.RaisedById));
        Assert.Equal("partAmount", Assert.Single(SupplierClaim.Raise(Now, 23, 4, 7, 9, 0m, 0m, 0m, null).Refusal!.Errors).Field);
        Assert.Equal(["partAmount", "freightAmount"],
            SupplierClaim.Raise(Now, 23, 4, 7, 9, -1m, 0m, 1.005m, null).Refusal!.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Sending_names_the_carrier_and_tracking_number_and_a_leader_other_than_the_raiser_signs_the_postage_off()
    {
        var claim = Raised();
        Assert.Equal("not_sent", claim.ApproveShipping(Now, 5)!.Code);
        Assert.Equal(["carrier", "trackingNumber"], claim.Send(Now, " ", null, 10m)!.Errors.Select(e => e.Field));
        Assert.Equal(ClaimStatus.Draft, claim.Status);
        Assert.Null(claim.Send(Now, " 顺丰 ", "SF1234567890", 23.5m));
        Assert.Equal(("顺丰", 23.5m), (claim.Carrier, claim.ShippingCost));
        Assert.Equal("self", claim.ApproveShipping(Now, 23)!.Code);
        Assert.Null(claim.ApproveShipping(Now, 5));
        Assert.Equal(5, claim.ShippingApprovedById);
        Assert.Equal("invalid_transition", claim.ApproveShipping(Now, 5)!.Code);
    }

    [Theory]
    [InlineData(null, "acceptedAmount")]
    [InlineData("0", "acceptedAmount")]
    [InlineData("265", "acceptedAmount")]
    [InlineData("264.99", null)]
    public void A_partial_acceptance_is_more_than_nothing_and_less_than_claimed(string? amount, string? field)
    {
        var claim = InState(ClaimStatus.Sent);
        var refusal = claim.Decide(Now, ClaimAction.AcceptPartly, amount is null ? null : decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), null);
        Assert.Equal(field, refusal?.Errors.Single().Field);
        Assert.Equal(field is null ? ClaimStatus.PartlyAccepted : ClaimStatus.Sent, claim.Status);
    }

    [Fact]
    public void A_rejection_says_why_and_the_settlement_recovers_at_most_what_was_accepted()
    {
        var rejected = InState(ClaimStatus.Sent);
        Assert.Equal("note", Assert.Single(rejected.Decide(Now, ClaimAction.Reject, null, " ")!.Errors).Field);
        Assert.Null(rejected.Decide(Now, ClaimAction.Reject, null, "有拆卸痕迹"));
        Assert.Equal(0m, rejected.AcceptedAmount);

        var partly = InState(ClaimStatus.PartlyAccepted); // 100 accepted of 265
        Assert.Equal("recoveredAmount", Assert.Single(partly.Settle(Now, 100.01m)!.Errors).Field);
        Assert.Null(partly.Settle(Now, 100m));
        Assert.Equal((ClaimStatus.Settled, 100m), (partly.Status, partly.RecoveredAmount));
        Assert.False(ClaimTransitions.IsOutstanding(partly.Status));
        Assert.True(ClaimTransitions.IsOutstanding(ClaimStatus.Sent));
    }
}
