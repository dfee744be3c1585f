using Microsoft.Extensions.Options;

namespace ServiceMark.Web.Infrastructure;

/// <summary>Instants are stored in UTC; people see them in the company's time zone (default Asia/Shanghai).</summary>
public sealed class CompanyClock(TimeProvider time, IOptions<ServiceMarkOptions> options)
{
    private readonly TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public TimeZoneInfo Zone => zone;

    public DateTime Now => TimeZoneInfo.ConvertTimeFromUtc(time.GetUtcNow().UtcDateTime, zone);

    public DateOnly Today => DateOnly.FromDateTime(Now);

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    public DateTime ToUtc(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);

    public string Format(DateTime utc) => ToLocal(utc).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
