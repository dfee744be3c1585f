using CsCheck;
using ServiceMark.Domain.Warranty;

namespace ServiceMark.Domain.Tests.Warranty;

[Trait("Rule", "R-TKT-2")]
public sealed class WarrantyCheckTests
{
    private static readonly WarrantyTerms TwoYears = new(24);

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2025-03-01", 24, "2027-02-28")]
    [InlineData("2024-02-29", 12, "2025-02-28")] // leap day sale: no 2025-02-29, so to the end of February
    [InlineData("2024-01-31", 1, "2024-02-29")] // no 2024-02-31: to the end of February (leap year)
    [InlineData("2023-01-31", 1, "2023-02-28")]
    [InlineData("2024-01-30", 1, "2024-02-29")]
    [InlineData("2024-01-29", 1, "2024-02-28")]
    [InlineData("2024-03-31", 1, "2024-04-30")]
    [InlineData("2024-03-01", 1, "2024-03-31")]
    [InlineData("2024-12-31", 2, "2025-02-28")]
    [InlineData("2024-08-31", 6, "2025-02-28")]
    [InlineData("2024-01-15", 36, "2027-01-14")]
    public void End_date_is_the_day_before_the_anniversary_or_the_month_end(string sale, int months, string end) =>
        Assert.Equal(D(end), WarrantyCheck.EndDate(D(sale), months));

    [Fact]
    public void Last_day_is_in_and_the_next_day_is_out()
    {
        var last = WarrantyCheck.Evaluate(D("2025-03-01"), TwoYears, D("2027-02-28"), null, null);
        var next = WarrantyCheck.Evaluate(D("2025-03-01"), TwoYears, D("2027-03-01"), null, null);

        Assert.True(last.InWarranty);
        Assert.Equal(["sold 2025-03-01, 24-month warranty ends 2027-02-28: within"], last.Reasons);
        Assert.False(next.InWarranty);
        Assert.Equal(WarrantyReasonCodes.PeriodEnded, Assert.Single(next.Details).Code);
        Assert.Contains("ended 2027-02-28", next.Reasons[0]);
    }

    [Fact]
    public void Month_end_sale_is_covered_to_the_end_of_the_short_month()
    {
        var terms = new WarrantyTerms(1);
        Assert.True(WarrantyCheck.Evaluate(D("2024-01-31"), terms, D("2024-02-29"), null, null).InWarranty);
        Assert.False(WarrantyCheck.Evaluate(D("2024-01-31"), terms, D("2024-03-01"), null, null).InWarranty);
    }

    [Fact]
    public void Sale_day_itself_is_covered() =>
        Assert.True(WarrantyCheck.Evaluate(D("2025-03-01"), TwoYears, D("2025-03-01"), null, null).InWarranty);

    [Theory]
    [InlineData("199999", true)]
    [InlineData("200000", true)]
    [InlineData("200000.01", false)]
    [InlineData("210000", false)]
    public void Mileage_at_the_limit_is_covered_above_it_is_not(string mileage, bool expected)
    {
        var terms = new WarrantyTerms(24, MaxMileageKm: 200_000m);
        var verdict = WarrantyCheck.Evaluate(D("2025-03-01"), terms, D("2025-06-01"),
            decimal.Parse(mileage, System.Globalization.CultureInfo.InvariantCulture), null);
        Assert.Equal(expected, verdict.InWarranty);
        Assert.True(verdict.Conclusive);
    }

    [Fact]
    public void Reasons_name_the_numbers_in_plain_words()
    {
        var terms = new WarrantyTerms(24, MaxMileageKm: 200_000m, MaxRunningHours: 5_000m);
        var verdict = WarrantyCheck.Evaluate(D("2025-03-01"), terms, D("2027-06-01"), 210_000m, 4_000m);

        Assert.False(verdict.InWarranty);
        Assert.Equal(
            [
                "sold 2025-03-01, 24-month warranty ended 2027-02-28: the fault on 2027-06-01 is after it",
                "mileage 210,000 km exceeds the 200,000 km limit",
                "running time 4,000 h is within the 5,000 h limit",
            ],
            verdict.Reasons);
        var mileage = verdict.Details[1];
        Assert.Equal(WarrantyReasonCodes.MileageExceeded, mileage.Code);
        Assert.Equal("210000", mileage.Values["mileageKm"]);
        Assert.Equal("200000", mileage.Values["maxMileageKm"]);
    }

    [Fact]
    public void Running_hours_over_the_limit_end_the_warranty()
    {
        var terms = new WarrantyTerms(24, MaxRunningHours: 5_000m);
        Assert.True(WarrantyCheck.Evaluate(D("2025-03-01"), terms, D("2025-04-01"), null, 5_000m).InWarranty);
        Assert.False(WarrantyCheck.Evaluate(D("2025-03-01"), terms, D("2025-04-01"), null, 5_000.5m).InWarranty);
    }

    [Fact]
    public void A_missing_reading_keeps_the_warranty_but_is_inconclusive()
    {
        var terms = new WarrantyTerms(24, MaxMileageKm: 200_000m);
        var verdict = WarrantyCheck.Evaluate(D("2025-03-01"), terms, D("2025-04-01"), null, 1000m);

        Assert.True(verdict.InWarranty);
        Assert.False(verdict.Conclusive);
        Assert.Equal("mileage not recorded: the 200,000 km limit was not checked", verdict.Reasons[1]);
    }

    [Fact]
    public void Readings_without_a_limit_are_not_mentioned() =>
        Assert.Single(WarrantyCheck.Evaluate(D("2025-03-01"), TwoYears, D("2025-04-01"), 999_999m, 99_999m).Details);

    [Fact]
    public void A_fault_before_the_sale_is_flagged_for_checking()
    {
        var verdict = WarrantyCheck.Evaluate(D("2025-03-01"), TwoYears, D("2025-02-01"), null, null);
        Assert.True(verdict.InWarranty);
        Assert.False(verdict.Conclusive);
        Assert.Contains(verdict.Details, d => d.Code == WarrantyReasonCodes.FaultBeforeSale);
    }

    [Fact]
    public void Only_the_covered_fault_categories_are_in_warranty()
    {
        var terms = new WarrantyTerms(24, CoveredFaultCategories: ["Body", "ChassisEngine"]);

        Assert.True(WarrantyCheck.Evaluate(D("2025-03-01"), terms, D("2025-04-01"), null, null, "chassisengine").InWarranty);
        var electrical = WarrantyCheck.Evaluate(D("2025-03-01"), terms, D("2025-04-01"), null, null, "Electrical");
        Assert.False(electrical.InWarranty);
        Assert.Equal("Electrical faults are not covered (covered: Body, ChassisEngine)", electrical.Reasons[^1]);
        var unknown = WarrantyCheck.Evaluate(D("2025-03-01"), terms, D("2025-04-01"), null, null);
        Assert.True(unknown.InWarranty);
        Assert.False(unknown.Conclusive);
    }

    [Fact]
    public void All_categories_is_the_default_and_can_be_spelled_out()
    {
        Assert.True(new WarrantyTerms(12).Covers("Other"));
        Assert.True(new WarrantyTerms(12, CoveredFaultCategories: ["ALL"]).Covers("Electrical"));
        Assert.False(new WarrantyTerms(12, CoveredFaultCategories: ["Body"]).Covers("Electrical"));
    }

    [Fact]
    public void Terms_are_checked_field_by_field()
    {
        Assert.False(WarrantyTerms.Check(new WarrantyTerms(24, 200_000m, 5_000m, ["all"])).Any);
        var errors = WarrantyTerms.Check(new WarrantyTerms(0, 0m, -1m, []));
        Assert.Equal(["months", "maxMileageKm", "maxRunningHours", "coveredFaultCategories"], errors.All.Select(e => e.Field));
        Assert.Contains(WarrantyTerms.Check(new WarrantyTerms(241)).All, e => e.Field == "months");
    }

    private static readonly Gen<DateOnly> Dates = Gen.Int[0, 365 * 40].Select(d => new DateOnly(2000, 1, 1).AddDays(d));

    [Fact]
    public void A_later_fault_date_never_brings_a_unit_back_into_warranty() =>
        Gen.Select(Dates, Gen.Int[1, 120], Gen.Int[0, 4000], Gen.Int[1, 4000]).Sample((sale, months, offset, later) =>
        {
            var terms = new WarrantyTerms(months);
            var fault = sale.AddDays(offset);
            var earlier = WarrantyCheck.Evaluate(sale, terms, fault, null, null);
            var laterVerdict = WarrantyCheck.Evaluate(sale, terms, fault.AddDays(later), null, null);
            return earlier.InWarranty || !laterVerdict.InWarranty;
        });

    [Fact]
    public void More_mileage_never_brings_a_unit_back_into_warranty() =>
        Gen.Select(Gen.Decimal[0m, 500_000m], Gen.Decimal[0m, 100_000m], Gen.Decimal[1m, 400_000m]).Sample((km, more, limit) =>
        {
            var terms = new WarrantyTerms(24, MaxMileageKm: limit);
            var sale = new DateOnly(2025, 3, 1);
            var fault = new DateOnly(2025, 9, 1);
            return WarrantyCheck.Evaluate(sale, terms, fault, km, null).InWarranty
                || !WarrantyCheck.Evaluate(sale, terms, fault, km + more, null).InWarranty;
        });

    [Fact]
    public void A_later_sale_date_never_ends_the_warranty_earlier() =>
        Gen.Select(Dates, Gen.Int[1, 400], Gen.Int[1, 120]).Sample((sale, later, months) =>
            WarrantyCheck.EndDate(sale, months) <= WarrantyCheck.EndDate(sale.AddDays(later), months));

    [Fact]
    public void The_period_holds_between_months_and_months_plus_one_day_of_anniversary() =>
        Gen.Select(Dates, Gen.Int[1, 120]).Sample((sale, months) =>
        {
            var end = WarrantyCheck.EndDate(sale, months);
            // Never shorter than the clamped anniversary and never reaching past the month it falls in.
            return end >= sale.AddMonths(months).AddDays(-1) && end.Month == sale.AddMonths(months).AddDays(-1).Month;
        });
}
