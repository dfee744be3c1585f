using ServiceMark.Domain.Contracts;

namespace ServiceMark.Domain.Tests.Contracts;

/// <summary>维保记录 (R-EXP-2): the checklist per model and the record form that answers each item before the customer signs.</summary>
[Trait("Rule", "R-EXP-2")]
public sealed class MaintenanceRecordTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 2, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Items = ["制动系统", "空调滤网", "电瓶电压"];

    [Fact]
    public void A_checklist_names_each_item_once_and_has_one_to_forty()
    {
        Assert.Equal(["制动系统", "空调滤网"], MaintenanceChecklist.Create(7, [" 制动系统 ", "空调滤网"]).Value!.Items);
        Assert.Contains(MaintenanceChecklist.Create(7, []).Refusal!.Errors, e => e.Field == "items");
        Assert.Contains(MaintenanceChecklist.Create(7, ["a", " "]).Refusal!.Errors, e => e.Field == "items[1]");
        Assert.Contains(MaintenanceChecklist.Create(7, ["a", "a "]).Refusal!.Errors, e => e is { Field: "items", Code: "duplicate" });
        Assert.Contains(MaintenanceChecklist.Create(7, Enumerable.Range(0, 41).Select(i => (string?)$"项{i}").ToList()).Refusal!.Errors, e => e.Field == "items");
    }

    [Fact]
    public void A_record_answers_every_item_in_order_and_says_what_was_not_normal()
    {
        var record = MaintenanceRecord.For(41);
        Assert.Contains(record.Record(Items, [new("制动系统", CheckOutcome.Normal, null)], "engineer", Now)!.Errors, e => e.Field == "results");
        Assert.Contains(record.Record(Items, [new("制动系统", CheckOutcome.Normal, null), new("电瓶电压", CheckOutcome.Normal, null), new("空调滤网", CheckOutcome.Normal, null)],
            "engineer", Now)!.Errors, e => e.Field == "results[1].item");
        Assert.Contains(record.Record(Items, [new("制动系统", CheckOutcome.Replaced, " "), new("空调滤网", CheckOutcome.Normal, null), new("电瓶电压", CheckOutcome.Normal, null)],
            "engineer", Now)!.Errors, e => e.Field == "results[0].note");
        Assert.Contains(record.Record(Items, [new("制动系统", (CheckOutcome)9, "x"), new("空调滤网", CheckOutcome.Normal, null), null], "engineer", Now)!.Errors,
            e => e.Field == "results[0].outcome");
        Assert.False(record.Completes(Items));

        Assert.Null(record.Record(Items, [new("制动系统", CheckOutcome.Replaced, " 更换前制动片 "), new("空调滤网", CheckOutcome.Adjusted, "清洗"),
            new("电瓶电压", CheckOutcome.Normal, "  ")], "engineer", Now));
        Assert.Equal([("制动系统", "更换前制动片"), ("空调滤网", "清洗"), ("电瓶电压", (string?)null)], record.Results.Select(r => (r.Item, r.Note)));
        Assert.True(record.Completes(Items));
        Assert.False(record.Completes([.. Items, "轮胎气压"])); // the checklist grew: the record must be filled in again
    }
}
