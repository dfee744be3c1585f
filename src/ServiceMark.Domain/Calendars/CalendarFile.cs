using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Calendars;

/// <summary>
/// Reads and writes one year's holiday notice in the project's JSON format (docs/calendar-format.md):
/// <c>source</c>, <c>year</c>, <c>timeZone</c>, <c>holidays</c> (<c>name</c>, <c>from</c>, <c>to</c>) and
/// <c>makeUpWorkdays</c>, dates as <c>yyyy-MM-dd</c>.
/// </summary>
public static class CalendarFile
{
    private const string DateFormat = "yyyy-MM-dd";

    // Chinese holiday names stay readable in the file instead of becoming \uXXXX escapes.
    private static readonly JsonSerializerOptions StringOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private static readonly string[] RootFields = ["source", "year", "timeZone", "holidays", "makeUpWorkdays"];
    private static readonly string[] HolidayFields = ["name", "from", "to"];

    /// <summary>
    /// Parses a file strictly: unknown or repeated fields are refused (a misspelt field would otherwise be
    /// silently ignored), and every problem in the file is listed as a field error, not only the first.
    /// Codes: <c>invalid_json</c>, <c>not_object</c>, <c>required</c>, <c>invalid_type</c>, <c>unknown_field</c>,
    /// <c>duplicate</c>, <c>invalid_date</c>, <c>out_of_range</c>, <c>unknown_time_zone</c>, <c>too_long</c>,
    /// <c>before_from</c>, <c>outside_year</c>, <c>overlap</c>, <c>inside_holiday</c>.
    /// </summary>
    public static Result<HolidayYear> Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, position {e.BytePositionInLine + 1}" : "";
            return Refusal.Invalid("json", "invalid_json", $"The file is not valid JSON{where}.");
        }

        using (document)
        {
            var errors = new FieldErrors();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Refusal.Invalid("json", "not_object", "The file must contain one JSON object.");
            }

            var fields = Fields(errors, root, "", RootFields);

            int? year = null;
            if (Present(errors, fields, "year") is { } yearElement)
            {
                if (yearElement.ValueKind == JsonValueKind.Number && yearElement.TryGetInt32(out var y))
                {
                    HolidayYear.CheckYear(errors, y);
                    year = HolidayYear.YearOrNull(y);
                }
                else
                {
                    errors.Add("year", "invalid_type", "year must be a whole number, e.g. 2027.");
                }
            }

            var source = ReadString(errors, fields, "source", HolidayYear.CheckSource);
            var timeZone = ReadString(errors, fields, "timeZone", HolidayYear.CheckTimeZone);
            var holidays = ReadHolidays(errors, fields);
            var makeUpWorkdays = ReadMakeUpWorkdays(errors, fields);
            HolidayYear.CheckDates(errors, year, holidays, makeUpWorkdays);
            if (errors.Any)
            {
                return errors.ToRefusal();
            }

            return HolidayYear.Create(year!.Value, source!, timeZone!,
                holidays.Select(h => new HolidayRange(h.Name!, h.From!.Value, h.To!.Value)).ToArray(),
                makeUpWorkdays.Select(d => d!.Value).ToArray());
        }
    }

    /// <summary>Writes a year in the layout of the shipped files: one holiday per line, UTF-8 text, Chinese unescaped.</summary>
    public static string Write(HolidayYear year)
    {
        var text = new StringBuilder();
        text.Append("{\n");
        text.Append("  \"source\": ").Append(Quote(year.Source)).Append(",\n");
        text.Append("  \"year\": ").Append(year.Year.ToString(CultureInfo.InvariantCulture)).Append(",\n");
        text.Append("  \"timeZone\": ").Append(Quote(year.TimeZoneId)).Append(",\n");
        text.Append("  \"holidays\": [");
        for (var i = 0; i < year.Holidays.Count; i++)
        {
            var h = year.Holidays[i];
            text.Append(i == 0 ? "\n" : ",\n")
                .Append("    { \"name\": ").Append(Quote(h.Name))
                .Append(", \"from\": ").Append(Quote(Date(h.From)))
                .Append(", \"to\": ").Append(Quote(Date(h.To))).Append(" }");
        }

        text.Append(year.Holidays.Count == 0 ? "],\n" : "\n  ],\n");
        text.Append("  \"makeUpWorkdays\": [")
            .AppendJoin(", ", year.MakeUpWorkdays.Select(d => Quote(Date(d))))
            .Append("]\n");
        text.Append("}\n");
        return text.ToString();
    }

    private static string Quote(string value) => JsonSerializer.Serialize(value, StringOptions);

    private static string Date(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static Dictionary<string, JsonElement> Fields(FieldErrors errors, JsonElement obj, string prefix, string[] known)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            var field = prefix + property.Name;
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                errors.Add(field, "unknown_field", $"'{property.Name}' is not a field of this format (expected {string.Join(", ", known)}).");
            }
            else if (!fields.TryAdd(property.Name, property.Value))
            {
                errors.Add(field, "duplicate", $"'{property.Name}' appears more than once.");
            }
        }

        return fields;
    }

    private static JsonElement? Present(FieldErrors errors, Dictionary<string, JsonElement> fields, string name, string? field = null)
    {
        if (!fields.TryGetValue(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            errors.Add(field ?? name, "required", $"{field ?? name} is required.");
            return null;
        }

        return element;
    }

    private static string? ReadString(FieldErrors errors, Dictionary<string, JsonElement> fields, string name, Action<FieldErrors, string?> check)
    {
        if (Present(errors, fields, name) is not { } element)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Add(name, "invalid_type", $"{name} must be a string.");
            return null;
        }

        var value = element.GetString();
        check(errors, value);
        return value;
    }

    private static DateOnly? ReadDate(FieldErrors errors, JsonElement element, string field)
    {
        if (element.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(element.GetString(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(field, "invalid_date", $"{field} must be a date written as yyyy-MM-dd, e.g. \"2027-10-01\".");
        return null;
    }

    private static List<HolidayDraft> ReadHolidays(FieldErrors errors, Dictionary<string, JsonElement> fields)
    {
        var holidays = new List<HolidayDraft>();
        if (Present(errors, fields, "holidays") is not { } array)
        {
            return holidays;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            errors.Add("holidays", "invalid_type", "holidays must be a list of { name, from, to }.");
            return holidays;
        }

        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var prefix = $"holidays[{i}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(prefix, "invalid_type", $"{prefix} must be an object {{ name, from, to }}.");
                holidays.Add(new HolidayDraft(null, null, null));
                i++;
                continue;
            }

            var parts = Fields(errors, item, prefix + ".", HolidayFields);
            string? name = null;
            if (Present(errors, parts, "name", prefix + ".name") is { } nameElement)
            {
                if (nameElement.ValueKind == JsonValueKind.String)
                {
                    name = nameElement.GetString();
                    HolidayYear.CheckHolidayName(errors, prefix + ".name", name);
                }
                else
                {
                    errors.Add(prefix + ".name", "invalid_type", $"{prefix}.name must be a string.");
                }
            }

            var from = Present(errors, parts, "from", prefix + ".from") is { } f ? ReadDate(errors, f, prefix + ".from") : null;
            var to = Present(errors, parts, "to", prefix + ".to") is { } t ? ReadDate(errors, t, prefix + ".to") : null;
            holidays.Add(new HolidayDraft(name, from, to));
            i++;
        }

        return holidays;
    }

    private static List<DateOnly?> ReadMakeUpWorkdays(FieldErrors errors, Dictionary<string, JsonElement> fields)
    {
        var days = new List<DateOnly?>();
        if (Present(errors, fields, "makeUpWorkdays") is not { } array)
        {
            return days;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            errors.Add("makeUpWorkdays", "invalid_type", "makeUpWorkdays must be a list of dates (an empty list when there are none).");
            return days;
        }

        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            days.Add(ReadDate(errors, item, $"makeUpWorkdays[{i}]"));
            i++;
        }

        return days;
    }
}
