using System.Text.Json;
using ServiceMark.Web.Features.Assessment;

namespace ServiceMark.Web.Tests.Assessment;

/// <summary>
/// The audit of a re-scored sheet keeps hashes and the changed parts of its snapshot (issue 11). Stored snapshots may be
/// null (never scored), partial, from an older format or not JSON at all: the diff reads what it can and never throws.
/// </summary>
public sealed class SheetAuditDiffTests
{
    private const string Scored = """
        {"sheet":{"planCode":"p","planVersion":1,"categories":[{"code":"c1","subtotal":10,"indicators":[{"code":"a","points":5},{"code":"b","points":5}]}],"total":10},
         "ratings":{"b":{"score":3}},"fromQuarters":null}
        """;

    [Fact]
    public void Only_the_changed_indicators_and_totals_are_kept_with_both_hashes()
    {
        var rescored = Scored.Replace("{\"code\":\"b\",\"points\":5}", "{\"code\":\"b\",\"points\":4}", StringComparison.Ordinal)
            .Replace("\"subtotal\":10", "\"subtotal\":9", StringComparison.Ordinal).Replace("\"total\":10", "\"total\":9", StringComparison.Ordinal);
        var (before, after) = Read(SheetAuditDiff.Diff(Scored, rescored));
        Assert.Equal(["category:c1", "indicator:b", "sheet"], Changed(after));
        Assert.Equal(Changed(before), Changed(after));
        Assert.Equal(5, before.GetProperty("changed").GetProperty("indicator:b").GetProperty("points").GetInt32());
        Assert.Equal(4, after.GetProperty("changed").GetProperty("indicator:b").GetProperty("points").GetInt32());
        Assert.NotEqual(before.GetProperty("sha256").GetString(), after.GetProperty("sha256").GetString());
    }

    [Fact]
    public void The_same_snapshot_changes_nothing()
    {
        var (before, after) = Read(SheetAuditDiff.Diff(Scored, Scored));
        Assert.Empty(Changed(before));
        Assert.Equal(before.GetProperty("sha256").GetString(), after.GetProperty("sha256").GetString());
    }

    [Fact]
    public void A_first_score_records_the_new_hash_only_the_snapshot_being_the_sheets_own()
    {
        var (before, after) = Read(SheetAuditDiff.Diff(null, Scored));
        Assert.Empty(Changed(before));
        Assert.Empty(Changed(after));
        Assert.Equal(JsonValueKind.Null, before.GetProperty("sha256").ValueKind);
        Assert.Equal(64, after.GetProperty("sha256").GetString()!.Length);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("{\"sheet\":null,\"ratings\":null}")]
    [InlineData("{\"sheet\":{\"categories\":[null,{\"indicators\":[null,{}]}]}}")]
    [InlineData("{\"sheet\":{\"categories\":\"x\"}}")]
    [InlineData("[1,2]")]
    [InlineData("not json {")]
    public void Null_partial_or_unreadable_snapshots_are_diffed_without_an_exception(string stored)
    {
        var (before, after) = Read(SheetAuditDiff.Diff(stored, Scored));
        Assert.Contains("indicator:a", Changed(after));
        Assert.Equal(Changed(before), Changed(after));
        Assert.Equal(JsonValueKind.String, before.GetProperty("sha256").ValueKind);
        Read(SheetAuditDiff.Diff(Scored, stored));
        Read(SheetAuditDiff.Diff(Scored, null));
        Read(SheetAuditDiff.Diff(stored, stored));
    }

    private static (JsonElement Before, JsonElement After) Read((object? Before, object? After) diff) =>
        (JsonSerializer.SerializeToElement(diff.Before), JsonSerializer.SerializeToElement(diff.After));

    private static List<string> Changed(JsonElement side) => side.GetProperty("changed").EnumerateObject().Select(p => p.Name).ToList();
}
