using System.Reflection;

namespace ServiceMark.Domain.Calendars;

/// <summary>The calendars ServiceMark ships with, seeded on first run and then edited as data.</summary>
public static class DefaultCalendars
{
    public const string ChinaName = "中国法定节假日";
    public const string ChinaTimeZoneId = "Asia/Shanghai";

    // Every Calendars/Defaults/cn-*.json embedded in the assembly: shipping a new year is dropping in its file.
    private const string ChinaResourcePrefix = "ServiceMark.Domain.Calendars.Defaults.cn-";

    private static readonly Lazy<IReadOnlyList<HolidayYear>> ChinaYears = new(LoadChinaYears);
    private static readonly Lazy<BusinessCalendar> ChinaCalendar = new(BuildChina);

    /// <summary>
    /// The official Chinese holidays and make-up working days of every shipped year, in Asia/Shanghai, with
    /// <see cref="WorkingWeek.Standard"/> hours. One shared instance: the calendar is immutable.
    /// </summary>
    public static BusinessCalendar China() => ChinaCalendar.Value;

    /// <summary>The shipped State Council notices, ordered by year.</summary>
    public static IReadOnlyList<HolidayYear> ChinaHolidayYears() => ChinaYears.Value;

    /// <summary>The shipped files' text by resource name, for import screens and tests that compare formats.</summary>
    public static IReadOnlyDictionary<string, string> ChinaFiles()
    {
        var assembly = typeof(DefaultCalendars).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ChinaResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToDictionary(n => n, n => Read(assembly, n));
    }

    private static IReadOnlyList<HolidayYear> LoadChinaYears()
    {
        var years = new List<HolidayYear>();
        foreach (var (name, text) in ChinaFiles())
        {
            var parsed = CalendarFile.Parse(text);
            if (!parsed.Succeeded)
            {
                // A shipped file that does not parse is a build defect, not a user error.
                throw new InvalidOperationException(
                    $"Embedded calendar {name} is invalid: {string.Join("; ", parsed.Refusal!.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
            }

            years.Add(parsed.Value!);
        }

        return years.OrderBy(y => y.Year).ToArray();
    }

    private static BusinessCalendar BuildChina()
    {
        var created = BusinessCalendar.Create(ChinaName, ChinaTimeZoneId, WorkingWeek.Standard, ChinaYears.Value);
        return created.Succeeded
            ? created.Value!
            : throw new InvalidOperationException($"The default calendar is invalid: {string.Join("; ", created.Refusal!.Errors.Select(e => e.Message))}");
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
