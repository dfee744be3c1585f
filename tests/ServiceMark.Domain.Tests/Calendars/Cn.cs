using ServiceMark.Domain.Calendars;

namespace ServiceMark.Domain.Tests.Calendars;

/// <summary>Instants written as Beijing wall-clock time (UTC+8, no daylight saving) so that tests read like the notice.</summary>
internal static class Cn
{
    public static BusinessCalendar Calendar => DefaultCalendars.China();

    public static DateTime At(int year, int month, int day, int hour = 0, int minute = 0) =>
        new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Utc).AddHours(-8);

    public static DateTime Local(DateTime utc) => utc.AddHours(8);

    public static TimeSpan Hours(double hours) => TimeSpan.FromHours(hours);
}
