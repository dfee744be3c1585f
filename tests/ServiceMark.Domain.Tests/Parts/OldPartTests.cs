using ServiceMark.Domain.Parts;

namespace ServiceMark.Domain.Tests.Parts;

/// <summary>旧件 (R-PRT-3): the state machine exhaustively, on time by the company's day, and the inspection's evidence required.</summary>
[Trait("Rule", "R-PRT-3")]
public sealed class OldPartTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Due = new(2026, 12, 16);

    private static OldPart Created() => OldPart.Create(Now, Due, 7, 5, " 车门电磁阀 ", 1m, 11);

    [Fact]
    public void Every_action_from_every_state_follows_the_table()
    {
        var expected = new Dictionary<(OldPartStatus, OldPartAction), OldPartStatus>
        {
            [(OldPartStatus.AwaitingReturn, OldPartAction.Receive)] = OldPartStatus.Returned,
            [(OldPartStatus.Returned, OldPartAction.Inspect)] = OldPartStatus.Inspected,
            [(OldPartStatus.Inspected, OldPartAction.Dispose)] = OldPartStatus.Disposed,
        };
        foreach (var status in Enum.GetValues<OldPartStatus>())
        {
            foreach (var action in Enum.GetValues<OldPartAction>())
            {
                var part = InState(status);
                var refusal = Act(part, action);
                if (expected.TryGetValue((status, action), out var to))
                {
                    Assert.Null(refusal);
                    Assert.Equal(to, part.Status);
                }
                else
                {
                    Assert.Equal("invalid_transition", refusal?.Code);
                    Assert.Equal(status, part.Status);
                }
            }
        }
    }

    private static Domain.Common.Refusal? Act(OldPart part, OldPartAction action) => action switch
    {
        OldPartAction.Receive => part.Receive(Now, Due, 23, 1),
        OldPartAction.Inspect => part.Inspect(Now, 23, false, null),
        _ => part.Dispose(Now, 23, OldPartDisposal.Scrapped, null),
    };

    private static OldPart InState(OldPartStatus status)
    {
        var part = Created();
        foreach (var action in Enum.GetValues<OldPartAction>().Take((int)status))
        {
            Assert.Null(Act(part, action));
        }

        Assert.Equal(status, part.Status);
        return part;
    }

    [Theory]
    [InlineData(15, true)]
    [InlineData(16, true)]
    [InlineData(17, false)]
    public void Returned_on_time_is_decided_by_the_day_it_arrives_and_kept(int day, bool onTime)
    {
        var part = Created();
        var today = new DateOnly(2026, 12, day);
        Assert.Equal(today > Due, part.IsOverdue(today));
        Assert.Null(part.Receive(Now, today, 23, 1));
        Assert.Equal(onTime, part.ReturnedOnTime);
        Assert.False(part.IsOverdue(today.AddDays(30))); // back: no longer overdue, whenever it is read
        Assert.Equal("车门电磁阀", part.Name);
    }

    [Fact]
    public void The_inspection_says_whether_it_was_taken_apart_and_the_disposal_what_became_of_it()
    {
        var part = InState(OldPartStatus.Returned);
        Assert.Equal("showsSignsOfDisassembly", Assert.Single(part.Inspect(Now, 23, null, "看不出")!.Errors).Field);
        Assert.Equal(OldPartStatus.Returned, part.Status);
        Assert.Null(part.Inspect(Now, 23, true, " 壳体有撬痕 "));
        Assert.Equal((true, "壳体有撬痕"), (part.ShowsSignsOfDisassembly, part.InspectionNote));

        Assert.Equal("disposal", Assert.Single(part.Dispose(Now, 23, null, null)!.Errors).Field);
        Assert.Equal("disposal", Assert.Single(part.Dispose(Now, 23, (OldPartDisposal)9, null)!.Errors).Field);
        Assert.Null(part.Dispose(Now, 23, OldPartDisposal.Scrapped, null));
        Assert.Equal((OldPartStatus.Disposed, OldPartDisposal.Scrapped, 23), (part.Status, part.Disposal, part.DisposedById));
    }

    [Theory]
    [InlineData(7, true)]
    [InlineData(8, false)]
    public void Inspection_and_disposal_on_time_are_kept_when_they_happen(int days, bool onTime)
    {
        var part = InState(OldPartStatus.Returned);
        Assert.Null(part.Inspect(Now.AddDays(days), 23, false, null));
        Assert.Equal(onTime, part.InspectedOnTime);
        Assert.Null(part.Dispose(Now.AddDays(days + 31 + (onTime ? 0 : 1)), 23, OldPartDisposal.Scrapped, null));
        Assert.Equal(onTime, part.DisposedOnTime);
    }

    [Theory]
    [InlineData("1", "165", 16500L)]
    [InlineData("2.5", "12.8", 3200L)]
    [InlineData("0.33", "10.05", 332L)] // 3.3165 → 3.32: one rounding, half away from zero, when posted
    public void A_ledger_entry_keeps_its_value_in_whole_fen(string quantity, string price, long fen)
    {
        var entry = LedgerEntry.Post(Now, new StockMovement(MovementKind.Consumption, 5, 1, 2, decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture), null),
            decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), 11, "马超");
        Assert.Equal(fen, entry.ValueFen);
        Assert.Null(LedgerEntry.Post(Now, new StockMovement(MovementKind.Consumption, 5, 1, 2, 1m, null), null, 11, "马超").ValueFen);
    }
}
