using ServiceMark.Domain.Common;
using ServiceMark.Domain.Returns;

namespace ServiceMark.Domain.Tests.Returns;

/// <summary>退换货、返厂维修 (R-RMA-1): the state machine exhaustively, the steps' checks, the test never by its worker, and the figures
/// the facts read (first test, turnaround, on time).</summary>
[Trait("Rule", "R-RMA-1")]
public sealed class ProductReturnTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 2, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Day = new(2026, 12, 1);
    private const int Office = 8;
    private const int Repairer = 11;
    private const int Tester = 5;

    private static ReturnReceipt Receipt(DateOnly? due = null, string? item = "门禁控制器", string? fault = "无法开机") =>
        new(1, null, null, item, " sn-001 ", fault, Day, Repairer, due);

    private static ProductReturn Received(DateOnly? due = null) => ProductReturn.Receive(Now, Day.AddDays(6), Office, Receipt(due)).Value!;

    public static TheoryData<ReturnStatus, ReturnAction, ReturnDecision?, ReturnStatus?> Table()
    {
        var expected = new Dictionary<(ReturnStatus, ReturnAction, ReturnDecision?), ReturnStatus>
        {
            [(ReturnStatus.Received, ReturnAction.Inspect, ReturnDecision.Repair)] = ReturnStatus.Inspected,
            [(ReturnStatus.Received, ReturnAction.Inspect, ReturnDecision.Exchange)] = ReturnStatus.Inspected,
            [(ReturnStatus.Received, ReturnAction.Inspect, ReturnDecision.Refund)] = ReturnStatus.Inspected,
            [(ReturnStatus.Received, ReturnAction.Inspect, ReturnDecision.NoFaultFound)] = ReturnStatus.Repaired,
            [(ReturnStatus.Inspected, ReturnAction.Repair, ReturnDecision.Repair)] = ReturnStatus.Repaired,
            [(ReturnStatus.Inspected, ReturnAction.Repair, ReturnDecision.Exchange)] = ReturnStatus.Repaired,
            [(ReturnStatus.Inspected, ReturnAction.Refund, ReturnDecision.Refund)] = ReturnStatus.Refunded,
            [(ReturnStatus.Passed, ReturnAction.Ship, null)] = ReturnStatus.ShippedBack,
        };
        var data = new TheoryData<ReturnStatus, ReturnAction, ReturnDecision?, ReturnStatus?>();
        ReturnDecision?[] decisions = [null, .. Enum.GetValues<ReturnDecision>().Cast<ReturnDecision?>()];
        foreach (var from in Enum.GetValues<ReturnStatus>())
        {
            foreach (var action in Enum.GetValues<ReturnAction>())
            {
                foreach (var decision in decisions)
                {
                    ReturnStatus? to = expected.TryGetValue((from, action, decision), out var e) ? e : null;
                    // Steps that do not depend on the decision: whatever it is.
                    to ??= (from, action) switch
                    {
                        (ReturnStatus.Received, ReturnAction.Cancel) => ReturnStatus.Cancelled,
                        (ReturnStatus.Repaired, ReturnAction.PassTest) => ReturnStatus.Passed,
                        (ReturnStatus.Repaired, ReturnAction.FailTest) => ReturnStatus.Inspected,
                        (ReturnStatus.Passed, ReturnAction.Ship) => ReturnStatus.ShippedBack,
                        _ => null,
                    };
                    data.Add(from, action, decision, to);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Every_state_action_and_decision_goes_where_the_table_says(ReturnStatus from, ReturnAction action, ReturnDecision? decision, ReturnStatus? to) =>
        Assert.Equal(to, ReturnTransitions.Next(from, action, decision));

    [Fact]
    public void A_repair_is_received_inspected_repaired_tested_by_another_and_shipped_back()
    {
        var r = Received();
        Assert.Equal("SN-001", r.SerialNumber);
        Assert.Equal(Day.AddDays(ProductReturn.DefaultTurnaroundDays), r.DueOn);
        Assert.Null(r.Inspect(Repairer, Day.AddDays(1), "电源板烧毁", ReturnDecision.Repair));
        Assert.Null(r.Repair(Repairer, Day.AddDays(2), "更换电源板", null));

        var self = r.Test(Repairer, Day.AddDays(3), true, null);
        Assert.Equal(SegregationOfDuties.Self, self!.Code);
        Assert.Equal(ReturnStatus.Repaired, r.Status);

        Assert.Null(r.Test(Tester, Day.AddDays(3), false, "老化测试 2 小时后重启"));
        Assert.Equal(ReturnStatus.Inspected, r.Status);
        Assert.Null(r.Repair(Repairer, Day.AddDays(4), "更换电容", null));
        Assert.Null(r.Test(Tester, Day.AddDays(5), true, null));
        Assert.Null(r.Ship(Day.AddDays(6), "顺丰 SF123"));

        Assert.Equal(ReturnStatus.ShippedBack, r.Status);
        Assert.Equal(Day.AddDays(3), r.FirstTestedOn);
        Assert.False(r.FirstTestPassed); // the quality rate judges the first test, not the last
        Assert.Equal([false, true], r.Tests.Select(t => t.Passed));
        Assert.Equal(6, r.TurnaroundDays);
        Assert.True(r.OnTime);
    }

    [Fact]
    public void No_fault_found_goes_to_the_test_the_inspector_may_not_take_and_a_failure_makes_it_a_repair()
    {
        var r = Received();
        Assert.Null(r.Inspect(Repairer, Day, "未复现故障", ReturnDecision.NoFaultFound));
        Assert.Equal(ReturnStatus.Repaired, r.Status);
        Assert.Equal(SegregationOfDuties.Self, r.Test(Repairer, Day, true, null)!.Code);
        Assert.Null(r.Test(Tester, Day.AddDays(1), false, "低温下无法开机"));
        Assert.Equal(ReturnDecision.Repair, r.Decision);
        Assert.Equal(ReturnStatus.Inspected, r.Status);
    }

    [Fact]
    public void An_exchange_names_the_replacement_and_a_refund_ends_at_the_decision()
    {
        var exchange = Received();
        Assert.Null(exchange.Inspect(Repairer, Day, "主板损坏，无法维修", ReturnDecision.Exchange));
        var missing = exchange.Repair(Repairer, Day, "发出新机", " ");
        Assert.Contains(missing!.Errors, e => e.Field == "replacementSerial" && e.Code == "required");
        Assert.Null(exchange.Repair(Repairer, Day, "发出新机", "sn-900"));
        Assert.Equal("SN-900", exchange.ReplacementSerial);

        var refund = Received(Day.AddDays(3));
        Assert.Null(refund.Inspect(Repairer, Day, "七天无理由", ReturnDecision.Refund));
        Assert.Equal("invalid_transition", refund.Repair(Repairer, Day, "x", null)!.Code);
        Assert.Null(refund.Refund(Day.AddDays(5)));
        Assert.Equal(ReturnStatus.Refunded, refund.Status);
        Assert.Equal(5, refund.TurnaroundDays);
        Assert.False(refund.OnTime); // promised by the 3rd day
        Assert.Null(refund.FirstTestPassed);
    }

    [Fact]
    public void A_receipt_names_its_fields_and_a_step_cannot_precede_the_one_before()
    {
        var bad = ProductReturn.Receive(Now, Day, Office, Receipt(Day.AddDays(-1), item: " ", fault: null) with { ReceivedOn = Day });
        Assert.Equal(["item", "fault", "dueOn"], bad.Refusal!.Errors.Select(e => e.Field));
        var future = ProductReturn.Receive(Now, Day.AddDays(-1), Office, Receipt());
        Assert.Equal("receivedOn", Assert.Single(future.Refusal!.Errors).Field);
        var tooLong = ProductReturn.Receive(Now, Day, Office, Receipt(Day.AddDays(ProductReturn.MaxTurnaroundDays + 1)));
        Assert.Equal("dueOn", Assert.Single(tooLong.Refusal!.Errors).Field);

        var r = Received();
        var early = r.Inspect(Repairer, Day.AddDays(-1), "x", ReturnDecision.Repair);
        Assert.Equal("inspectedOn", Assert.Single(early!.Errors).Field);
        var undecided = r.Inspect(Repairer, Day, "x", null);
        Assert.Equal("decision", Assert.Single(undecided!.Errors).Field);
        Assert.Equal(ReturnStatus.Received, r.Status);
        Assert.Equal("note", Assert.Single(Received().Test(Tester, Day, false, null)!.Errors).Field);
    }

    [Fact]
    public void Only_a_received_return_is_cancelled_and_only_an_open_one_reassigned()
    {
        var r = Received();
        Assert.Equal("reason", Assert.Single(r.Cancel(" ")!.Errors).Field);
        Assert.Null(r.Assign(Tester));
        Assert.Equal(Tester, r.ResponsiblePersonId);
        Assert.Null(r.Cancel("录入重复"));
        Assert.Equal("invalid_transition", r.Assign(Repairer)!.Code);
        Assert.Equal("invalid_transition", r.Cancel("again")!.Code);
    }
}
