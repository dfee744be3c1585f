using CsCheck;
using ServiceMark.Domain.Parts;

namespace ServiceMark.Domain.Tests.Parts;

/// <summary>盘点 (R-PRT-6): the state machine exhaustively, differences explained line by line, never one's own approval, and posting
/// brings the book to what was counted.</summary>
[Trait("Rule", "R-PRT-6")]
public sealed class StockTakeTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc);
    private const int Location = 1;
    private const int Difference = 9;

    private static StockTake Started() => StockTake.Start(Now, 23, Location, [(5, 10m), (6, 2m)]);

    [Fact]
    public void Every_action_from_every_state_follows_the_table()
    {
        var expected = new Dictionary<(StockTakeStatus, StockTakeAction), StockTakeStatus>
        {
            [(StockTakeStatus.Counting, StockTakeAction.Submit)] = StockTakeStatus.Submitted,
            [(StockTakeStatus.Counting, StockTakeAction.Cancel)] = StockTakeStatus.Cancelled,
            [(StockTakeStatus.Submitted, StockTakeAction.Approve)] = StockTakeStatus.Posted,
            [(StockTakeStatus.Submitted, StockTakeAction.SendBack)] = StockTakeStatus.Counting,
        };
        foreach (var status in Enum.GetValues<StockTakeStatus>())
        {
            foreach (var action in Enum.GetValues<StockTakeAction>())
            {
                var take = InState(status);
                var refusal = action switch
                {
                    StockTakeAction.Submit => take.Submit(Now),
                    StockTakeAction.Approve => take.Decide(Now, 5, approve: true, null),
                    StockTakeAction.SendBack => take.Decide(Now, 5, approve: false, "重新盘点 6 号件"),
                    _ => take.Cancel(),
                };
                if (expected.TryGetValue((status, action), out var to))
                {
                    Assert.Null(refusal);
                    Assert.Equal(to, take.Status);
                }
                else
                {
                    Assert.Equal("invalid_transition", refusal?.Code);
                    Assert.Equal(status, take.Status);
                }
            }

            Assert.Equal(status is StockTakeStatus.Counting or StockTakeStatus.Submitted, StockTakeTransitions.FreezesLocation(status));
        }
    }

    private static StockTake InState(StockTakeStatus status)
    {
        var take = Started();
        Assert.Null(take.Count([(5, 10m, null), (6, 1m, "丢失 1 个")]));
        switch (status)
        {
            case StockTakeStatus.Submitted: Assert.Null(take.Submit(Now)); break;
            case StockTakeStatus.Posted: Assert.Null(take.Submit(Now)); Assert.Null(take.Decide(Now, 5, true, null)); break;
            case StockTakeStatus.Cancelled: Assert.Null(take.Cancel()); break;
        }

        Assert.Equal(status, take.Status);
        return take;
    }

    [Fact]
    public void Every_line_is_counted_and_every_difference_explained_before_it_is_submitted()
    {
        var take = Started();
        Assert.Equal(["lines[0].countedQuantity", "lines[1].countedQuantity"], take.Submit(Now)!.Errors.Select(e => e.Field));
        Assert.Equal("lines[0].countedQuantity", Assert.Single(take.Count([(5, -1m, null)])!.Errors).Field);
        Assert.Null(take.Count([(5, 10m, null), (6, 3m, null), (7, 1m, "账外发现")]));
        Assert.Equal("lines[1].explanation", Assert.Single(take.Submit(Now)!.Errors).Field); // 6: one more than the book, unexplained
        Assert.Null(take.Count([(6, 3m, "上次退料未入账")]));
        Assert.Null(take.Submit(Now));
        Assert.Equal((3, 33.33m), (take.Lines.Count, take.Accuracy)); // part 7 was not on the book; 1 of 3 lines agrees
    }

    [Fact]
    public void Nobody_approves_their_own_count_and_a_count_sent_back_says_why()
    {
        var take = InState(StockTakeStatus.Submitted);
        Assert.Equal("self", take.Decide(Now, 23, approve: true, null)!.Code);
        Assert.Equal("note", Assert.Single(take.Decide(Now, 5, approve: false, " ")!.Errors).Field);
        Assert.Null(take.Decide(Now, 5, approve: false, "6 号件复盘"));
        Assert.Equal(StockTakeStatus.Counting, take.Status);
    }

    /// <summary>Whatever the book and the count, posting the adjustments leaves each part's stock at the counted quantity, and
    /// nothing appears or vanishes across the location and the difference account.</summary>
    [Fact]
    public void Posting_brings_the_book_to_the_count_for_any_book_and_count() =>
        Gen.Select(Gen.Int[0, 500].Array[0, 6], Gen.Int[0, 500].Array[0, 8]).Sample((bookList, countList) =>
        {
            var book = bookList.Select((q, i) => (PartId: i + 1, OnHand: q / 4m)).ToList();
            var counts = countList.Select((q, i) => (PartId: i + 1, Counted: (decimal?)(q / 4m), Explanation: (string?)"差异")).ToList();
            var take = StockTake.Start(Now, 23, Location, book);
            Assert.Null(take.Count(counts));
            var ledger = new StockBook(new Dictionary<int, LocationKind> { [Location] = LocationKind.CentralWarehouse, [Difference] = LocationKind.Adjustment, [0] = LocationKind.Supplier });
            Assert.Null(ledger.Apply(book.Where(b => b.OnHand > 0).Select(b => new StockMovement(MovementKind.Receipt, b.PartId, 0, Location, b.OnHand, null)).ToList()));
            Assert.Null(ledger.Apply(take.Adjustments(Difference)));
            foreach (var line in take.Lines.Where(l => l.CountedQuantity is not null))
            {
                Assert.Equal(line.CountedQuantity!.Value, ledger.OnHand(Location, line.PartId));
                Assert.Equal(ledger.OnHand(0, line.PartId) * -1, ledger.OnHand(Location, line.PartId) + ledger.OnHand(Difference, line.PartId)); // conserved
            }
        });
}
