using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure.Auth;
using ServiceMark.Web.Infrastructure.Errors;
using ServiceMark.Web.Infrastructure.Excel;

namespace ServiceMark.Web.Features.Calendars;

/// <summary>The calendar file as the API documents it (docs/calendar-format.md); the body is read and checked strictly as text.</summary>
public sealed record CalendarFileDocument(string Source, int Year, string TimeZone, CalendarFileHoliday[] Holidays, string[] MakeUpWorkdays);

public sealed record CalendarFileHoliday(string Name, string From, string To);

public static class CalendarEndpoints
{
    public static IEndpointRouteBuilder MapCalendarEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/calendars").WithTags("Calendars");
        group.MapGet("/", (CalendarHandlers h, CancellationToken ct) => h.ListAsync(ct))
            .WithName("ListCalendars").RequireAuthorization(Policies.ReadCustomers);
        group.MapGet("/{id:int}", async (int id, CalendarHandlers h, CancellationToken ct) =>
                Problems.OkOrNotFound(await h.GetAsync(id, ct), "Calendar"))
            .WithName("GetCalendar").RequireAuthorization(Policies.ReadCustomers);
        group.MapPut("/{id:int}/week", async (int id, WorkingWeekRequest r, CalendarHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.UpdateWeekAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("UpdateCalendarWeek").RequireAuthorization(Policies.ManageServiceLevels);
        group.MapPost("/{id:int}/years", async (int id, HttpRequest request, CalendarHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                await ReadBodyAsync(request, ct) is { } json
                    ? (await h.ImportYearAsync(id, json, user, ct)).ToHttp(TypedResults.Ok)
                    : Answer<Ok<CalendarView>>.Problem(TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The file is too large.",
                        detail: $"A calendar file must be at most {CalendarHandlers.MaxFileChars / 1024} KB.",
                        extensions: new Dictionary<string, object?> { ["code"] = "too_large" })))
            .Accepts<CalendarFileDocument>("application/json")
            .WithDescription("Adds or replaces one year's holidays. The body is the year's calendar file (docs/calendar-format.md), read strictly: every problem is a field error.")
            .WithName("ImportCalendarYear").RequireAuthorization(Policies.ManageServiceLevels);
        group.MapGet("/{id:int}/years/{year:int}", async (int id, int year, CalendarHandlers h, CancellationToken ct) =>
                await h.ExportYearAsync(id, year, ct) is { } json
                    ? Results.File(Encoding.UTF8.GetBytes(json), "application/json; charset=utf-8", $"calendar-{id}-{year}.json")
                    : Problems.From(Refusal.NotFound("Calendar year")))
            .ProducesFile("application/json").WithName("ExportCalendarYear").RequireAuthorization(Policies.ReadCustomers);
        group.MapGet("/import-template", () => ImportEndpoint.Template(CalendarImports.Template(), "calendar-year-import-template.xlsx"))
            .ProducesWorkbook().WithName("GetCalendarImportTemplate").RequireAuthorization(Policies.ManageServiceLevels);
        group.MapPost("/{id:int}/years/import", async (int id, HttpRequest request, IDbContextFactory<AppDbContext> contexts, CalendarImports imports,
                ClaimsPrincipal user, CancellationToken ct) =>
            {
                await using (var db = await contexts.CreateDbContextAsync(ct))
                {
                    if (!await db.Calendars.AnyAsync(c => c.Id == id, ct))
                    {
                        return Problems.From(Refusal.NotFound("Calendar"));
                    }
                }

                return await ImportEndpoint.HandleAsync(request, async stream =>
                {
                    var form = await request.ReadFormAsync(ct); // read already: the form is cached
                    var options = new ExcelYearOptions(form["year"].FirstOrDefault(), form["timeZone"].FirstOrDefault(), form["source"].FirstOrDefault());
                    return await imports.ImportYearAsync(id, stream, options, user, ct);
                }, ct);
            })
            .ProducesImportReport()
            .WithDescription("Multipart form: 'file' (.xlsx with 类型, 名称, 开始日期, 结束日期), optional 'year', 'timeZone', 'source'.")
            .WithName("ImportCalendarYearFromExcel").RequireAuthorization(Policies.ManageServiceLevels).DisableAntiforgery();
        group.MapGet("/{id:int}/working-time", async (int id, string? from, string? hours, CalendarHandlers h, CancellationToken ct) =>
                (await h.WorkingTimeAsync(id, from, hours, ct)).ToHttp(TypedResults.Ok))
            .WithDescription("When 'hours' of working time counted from 'from' (local to the calendar, e.g. 2026-09-30T16:00, or with an offset) are used up.")
            .WithName("CalculateWorkingTime").RequireAuthorization(Policies.ReadCustomers);
        return app;
    }

    /// <summary>The body as text, or null when it is larger than a calendar file may be.</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > CalendarHandlers.MaxFileChars * 4L)
        {
            return null;
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[CalendarHandlers.MaxFileChars + 1];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await reader.ReadAsync(buffer.AsMemory(read), ct);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read > CalendarHandlers.MaxFileChars ? null : new string(buffer, 0, read);
    }
}
