using Microsoft.Extensions.Options;

namespace ServiceMark.Web.Infrastructure;

/// <summary>Instants are stored in UTC; people see them in the company's time zone (default Asia/Shanghai).</summary>
public sealed class CompanyClock(TimeProvider time, IOptions<ServiceMarkOptions> options)
{
    private readonly TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public TimeZoneInfo Zone => zone;

    /// <summary>The instant now, in UTC: what records store (never <c>Now.ToUniversalTime()</c>, which reads company time as the server's).</summary>
    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public DateTime Now => TimeZoneInfo.ConvertTimeFromUtc(UtcNow, zone);

    public DateOnly Today => DateOnly.FromDateTime(Now);

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    public DateTime ToUtc(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);

    public string Format(DateTime utc) => ToLocal(utc).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
