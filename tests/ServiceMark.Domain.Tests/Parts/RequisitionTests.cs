using ServiceMark.Domain.Common;
using ServiceMark.Domain.Parts;

namespace ServiceMark.Domain.Tests.Parts;

/// <summary>领料单 (R-PRT-2): the state machine exhaustively, and nobody decides on their own requisition.</summary>
[Trait("Rule", "R-PRT-2")]
public sealed class RequisitionTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc);

    private static PartRequisition Raised(int requester = 11) =>
        PartRequisition.Submit(Now, requester, 7, 1, 3, "更换前门气泵", [(5, 2m), (6, 1m)]).Value!;

    /// <summary>Every action from every state: allowed exactly where the table says, and the state does not move on a refusal.</summary>
    [Fact]
    public void Every_action_from_every_state_follows_the_table()
    {
        var expected = new Dictionary<(RequisitionStatus, RequisitionAction), RequisitionStatus>
        {
            [(RequisitionStatus.Submitted, RequisitionAction.Approve)] = RequisitionStatus.Approved,
            [(RequisitionStatus.Submitted, RequisitionAction.Reject)] = RequisitionStatus.Rejected,
            [(RequisitionStatus.Submitted, RequisitionAction.Cancel)] = RequisitionStatus.Cancelled,
            [(RequisitionStatus.Approved, RequisitionAction.Issue)] = RequisitionStatus.Issued,
            [(RequisitionStatus.Approved, RequisitionAction.Cancel)] = RequisitionStatus.Cancelled,
        };
        foreach (var status in Enum.GetValues<RequisitionStatus>())
        {
            foreach (var action in Enum.GetValues<RequisitionAction>())
            {
                var r = InState(status);
                var refusal = action switch
                {
                    RequisitionAction.Approve => r.Approve(Now, 5, null),
                    RequisitionAction.Reject => r.Reject(Now, 5, "库存紧张"),
                    RequisitionAction.Issue => r.Issue(Now, 23),
                    _ => r.Cancel(Now, 11),
                };
                if (expected.TryGetValue((status, action), out var to))
                {
                    Assert.Null(refusal);
                    Assert.Equal(to, r.Status);
                }
                else
                {
                    Assert.Equal("invalid_transition", refusal?.Code);
                    Assert.Equal(status, r.Status);
                }
            }
        }
    }

    private static PartRequisition InState(RequisitionStatus status)
    {
        var r = Raised();
        switch (status)
        {
            case RequisitionStatus.Approved: r.Approve(Now, 5, null); break;
            case RequisitionStatus.Rejected: r.Reject(Now, 5, "x"); break;
            case RequisitionStatus.Issued: r.Approve(Now, 5, null); r.Issue(Now, 23); break;
            case RequisitionStatus.Cancelled: r.Cancel(Now, 11); break;
        }

        Assert.Equal(status, r.Status);
        return r;
    }

    [Fact]
    public void Nobody_approves_or_rejects_their_own_and_only_the_requester_withdraws()
    {
        var r = Raised(requester: 5);
        Assert.Equal(SegregationOfDuties.Self, r.Approve(Now, 5, null)?.Code);
        Assert.Equal(SegregationOfDuties.Self, r.Reject(Now, 5, "x")?.Code);
        Assert.Equal(RefusalKind.Forbidden, r.Cancel(Now, 6)?.Kind);
        Assert.Equal(RequisitionStatus.Submitted, r.Status);
        Assert.Equal("reason", Assert.Single(r.Reject(Now, 4, " ")!.Errors).Field);
    }

    [Fact]
    public void A_requisition_names_its_purpose_and_distinct_positive_lines_and_issues_each_line_once()
    {
        var bad = PartRequisition.Submit(Now, 11, null, 1, 3, "", [(5, 0m), (5, 1m)]).Refusal!;
        Assert.Equal(["lines[0].quantity", "lines[1].partId", "purpose"], bad.Errors.Select(e => e.Field).Order());
        Assert.Equal("lines", Assert.Single(PartRequisition.Submit(Now, 11, null, 1, 3, "x", []).Refusal!.Errors).Field);

        var r = Raised();
        var movements = r.IssueMovements();
        Assert.Equal([(5, 2m), (6, 1m)], movements.Select(m => (m.PartId, m.Quantity)));
        Assert.All(movements, m => Assert.Equal((MovementKind.Issue, 1, 3, nameof(PartRequisition)), (m.Kind, m.FromLocationId, m.ToLocationId, m.DocumentType)));
    }
}
