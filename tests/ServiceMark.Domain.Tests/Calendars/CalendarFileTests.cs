using ServiceMark.Domain.Calendars;

namespace ServiceMark.Domain.Tests.Calendars;

[Trait("Rule", "R-SLA-2")]
public sealed class CalendarFileTests
{
    private const string Valid = """
        {
          "source": "test notice",
          "year": 2027,
          "timeZone": "Asia/Shanghai",
          "holidays": [
            { "name": "元旦", "from": "2027-01-01", "to": "2027-01-03" },
            { "name": "春节", "from": "2027-02-05", "to": "2027-02-13" }
          ],
          "makeUpWorkdays": ["2027-02-14"]
        }
        """;

    private static string[] Errors(string json)
    {
        var result = CalendarFile.Parse(json);
        Assert.False(result.Succeeded, "the file should have been refused");
        return result.Refusal!.Errors.Select(e => $"{e.Field}:{e.Code}").ToArray();
    }

    private static void AssertSingleError(string json, string field, string code) => Assert.Equal([$"{field}:{code}"], Errors(json));

    [Fact]
    public void A_valid_file_is_read()
    {
        var year = CalendarFile.Parse(Valid).Value!;
        Assert.Equal(2027, year.Year);
        Assert.Equal("test notice", year.Source);
        Assert.Equal("Asia/Shanghai", year.TimeZoneId);
        Assert.Equal([new HolidayRange("元旦", new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 3)), new HolidayRange("春节", new DateOnly(2027, 2, 5), new DateOnly(2027, 2, 13))],
            year.Holidays);
        Assert.Equal([new DateOnly(2027, 2, 14)], year.MakeUpWorkdays);
    }

    [Fact]
    public void Writing_the_shipped_files_reproduces_them_byte_for_byte()
    {
        foreach (var (name, text) in DefaultCalendars.ChinaFiles())
        {
            var parsed = CalendarFile.Parse(text);
            Assert.True(parsed.Succeeded, name);
            Assert.Equal(text, CalendarFile.Write(parsed.Value!));
        }
    }

    [Fact]
    public void Write_then_parse_gives_the_same_year()
    {
        var year = HolidayYear.Create(2027, "国务院办公厅关于2027年部分节假日安排的通知 \"draft\" \\ <test>", "Asia/Shanghai",
            [new HolidayRange("国庆节", new DateOnly(2027, 10, 1), new DateOnly(2027, 10, 7)), new HolidayRange("元旦", new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 1))],
            [new DateOnly(2027, 10, 9), new DateOnly(2027, 9, 26)]).Value!;
        var back = CalendarFile.Parse(CalendarFile.Write(year)).Value!;
        Assert.Equal(year.Year, back.Year);
        Assert.Equal(year.Source, back.Source);
        Assert.Equal(year.TimeZoneId, back.TimeZoneId);
        Assert.Equal(year.Holidays, back.Holidays);
        Assert.Equal(year.MakeUpWorkdays, back.MakeUpWorkdays);
        Assert.Equal("元旦", back.Holidays[0].Name);
    }

    [Fact]
    public void An_empty_year_round_trips()
    {
        var year = HolidayYear.Create(2030, "none yet", "Asia/Shanghai", [], []).Value!;
        var text = CalendarFile.Write(year);
        Assert.Contains("\"holidays\": [],", text, StringComparison.Ordinal);
        Assert.Empty(CalendarFile.Parse(text).Value!.Holidays);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{ \"year\": 2027, }")]
    [InlineData("not json")]
    public void Text_that_is_not_json_is_refused(string json) => AssertSingleError(json, "json", "invalid_json");

    [Fact]
    public void The_json_error_says_where() =>
        Assert.Contains("line 3", CalendarFile.Parse("{\n  \"year\": 2027,\n  oops\n}").Refusal!.Errors[0].Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("[]")]
    [InlineData("2027")]
    [InlineData("\"2027\"")]
    public void A_file_must_hold_one_object(string json) => AssertSingleError(json, "json", "not_object");

    [Fact]
    public void Every_missing_field_is_listed() =>
        Assert.Equal(["year:required", "source:required", "timeZone:required", "holidays:required", "makeUpWorkdays:required"], Errors("{}"));

    [Fact]
    public void Null_counts_as_missing() => AssertSingleError(Valid.Replace("\"test notice\"", "null", StringComparison.Ordinal), "source", "required");

    [Theory]
    [InlineData("\"year\": 2027", "\"year\": \"2027\"", "year")]
    [InlineData("\"year\": 2027", "\"year\": 2027.5", "year")]
    [InlineData("\"timeZone\": \"Asia/Shanghai\"", "\"timeZone\": 8", "timeZone")]
    [InlineData("\"makeUpWorkdays\": [\"2027-02-14\"]", "\"makeUpWorkdays\": \"2027-02-14\"", "makeUpWorkdays")]
    [InlineData("\"name\": \"元旦\"", "\"name\": 1", "holidays[0].name")]
    public void Values_of_the_wrong_type_are_refused(string from, string to, string field) =>
        AssertSingleError(Valid.Replace(from, to, StringComparison.Ordinal), field, "invalid_type");

    [Fact]
    public void A_holiday_must_be_an_object() =>
        AssertSingleError(Valid.Replace("{ \"name\": \"元旦\", \"from\": \"2027-01-01\", \"to\": \"2027-01-03\" }", "\"元旦\"", StringComparison.Ordinal),
            "holidays[0]", "invalid_type");

    [Theory]
    [InlineData(1899)]
    [InlineData(3000)]
    public void The_year_must_be_plausible(int year) =>
        Assert.Contains("year:out_of_range", Errors(Valid.Replace("\"year\": 2027", $"\"year\": {year}", StringComparison.Ordinal)));

    [Fact]
    public void An_unknown_time_zone_is_refused() =>
        AssertSingleError(Valid.Replace("Asia/Shanghai", "China Standard Time Zone", StringComparison.Ordinal), "timeZone", "unknown_time_zone");

    [Fact]
    public void A_blank_holiday_name_is_refused() =>
        AssertSingleError(Valid.Replace("\"name\": \"春节\"", "\"name\": \" \"", StringComparison.Ordinal), "holidays[1].name", "required");

    [Fact]
    public void A_misspelt_field_is_refused_not_ignored() =>
        Assert.Equal(["makeupWorkdays:unknown_field", "makeUpWorkdays:required"],
            Errors(Valid.Replace("makeUpWorkdays", "makeupWorkdays", StringComparison.Ordinal)));

    [Fact]
    public void An_unknown_field_in_a_holiday_is_refused() =>
        AssertSingleError(Valid.Replace("\"to\": \"2027-01-03\"", "\"to\": \"2027-01-03\", \"days\": 3", StringComparison.Ordinal), "holidays[0].days", "unknown_field");

    [Fact]
    public void A_repeated_field_is_refused() =>
        AssertSingleError(Valid.Replace("\"year\": 2027,", "\"year\": 2027, \"year\": 2028,", StringComparison.Ordinal), "year", "duplicate");

    [Theory]
    [InlineData("2027-02-30")]
    [InlineData("2027/01/01")]
    [InlineData("2027-1-1")]
    [InlineData("2027-01-01T00:00:00")]
    [InlineData("")]
    public void Dates_must_be_real_and_written_yyyy_mm_dd(string date) =>
        AssertSingleError(Valid.Replace("\"from\": \"2027-01-01\"", $"\"from\": \"{date}\"", StringComparison.Ordinal), "holidays[0].from", "invalid_date");

    [Fact]
    public void A_date_given_as_a_number_is_an_invalid_date() =>
        AssertSingleError(Valid.Replace("[\"2027-02-14\"]", "[20270214]", StringComparison.Ordinal), "makeUpWorkdays[0]", "invalid_date");

    [Fact]
    public void A_holiday_cannot_end_before_it_starts() =>
        AssertSingleError(Valid.Replace("\"from\": \"2027-01-01\", \"to\": \"2027-01-03\"", "\"from\": \"2027-01-03\", \"to\": \"2027-01-01\"", StringComparison.Ordinal),
            "holidays[0].to", "before_from");

    [Fact]
    public void Holiday_dates_must_lie_in_the_year() =>
        Assert.Equal(["holidays[0].from:outside_year"],
            Errors(Valid.Replace("\"from\": \"2027-01-01\"", "\"from\": \"2026-12-31\"", StringComparison.Ordinal)));

    [Fact]
    public void A_holiday_ending_in_the_next_year_is_refused_on_its_end() =>
        Assert.Equal(["holidays[1].to:outside_year"],
            Errors(Valid.Replace("\"to\": \"2027-02-13\"", "\"to\": \"2028-01-01\"", StringComparison.Ordinal)
                .Replace("[\"2027-02-14\"]", "[]", StringComparison.Ordinal)));

    [Fact]
    public void Make_up_days_must_lie_in_the_year() =>
        AssertSingleError(Valid.Replace("[\"2027-02-14\"]", "[\"2026-12-27\"]", StringComparison.Ordinal), "makeUpWorkdays[0]", "outside_year");

    [Fact]
    public void A_make_up_day_inside_a_holiday_is_refused() =>
        AssertSingleError(Valid.Replace("[\"2027-02-14\"]", "[\"2027-02-14\", \"2027-02-07\"]", StringComparison.Ordinal), "makeUpWorkdays[1]", "inside_holiday");

    [Fact]
    public void A_repeated_make_up_day_is_refused() =>
        AssertSingleError(Valid.Replace("[\"2027-02-14\"]", "[\"2027-02-14\", \"2027-02-14\"]", StringComparison.Ordinal), "makeUpWorkdays[1]", "duplicate");

    [Fact]
    public void A_repeated_holiday_name_is_refused() =>
        AssertSingleError(Valid.Replace("\"name\": \"春节\"", "\"name\": \"元旦\"", StringComparison.Ordinal), "holidays[1].name", "duplicate");

    [Fact]
    public void Overlapping_holidays_are_refused() =>
        AssertSingleError(Valid.Replace("\"from\": \"2027-02-05\"", "\"from\": \"2027-01-03\"", StringComparison.Ordinal), "holidays[1]", "overlap");

    [Fact]
    public void Every_problem_in_a_file_is_listed_at_once()
    {
        const string json = """
            {
              "source": "",
              "year": 2027,
              "timeZone": "Asia/Nowhere",
              "holidays": [
                { "name": "元旦", "from": "2027-01-01", "to": "2027-13-01" },
                { "name": "春节", "from": "2027-02-13", "to": "2027-02-05" },
                { "name": "清明节", "from": "2028-04-04", "to": "2028-04-06" },
                { "from": "2027-05-01", "to": "2027-05-05", "note": "x" }
              ],
              "makeUpWorkdays": ["2027-05-02", "2027-05-02", "2026-12-27", "soon"]
            }
            """;
        Assert.Equal(
        [
            "source:required",
            "timeZone:unknown_time_zone",
            "holidays[0].to:invalid_date",
            "holidays[3].note:unknown_field",
            "holidays[3].name:required",
            "makeUpWorkdays[3]:invalid_date",
            "holidays[1].to:before_from",
            "holidays[2].from:outside_year",
            "holidays[2].to:outside_year",
            "makeUpWorkdays[0]:inside_holiday",
            "makeUpWorkdays[1]:duplicate",
            "makeUpWorkdays[1]:inside_holiday",
            "makeUpWorkdays[2]:outside_year",
        ], Errors(json));
    }

    [Fact]
    public void Creating_a_year_in_code_applies_the_same_checks()
    {
        var errors = HolidayYear.Check(2027, "x", "Asia/Shanghai",
            [new HolidayRange("元旦", new DateOnly(2027, 1, 3), new DateOnly(2027, 1, 1))], [new DateOnly(2027, 1, 2)]);
        Assert.Equal(["holidays[0].to:before_from"], errors.All.Select(e => $"{e.Field}:{e.Code}"));
    }
}
