using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using ServiceMark.Domain.ServiceFacts;
using ServiceMark.Domain.ServiceLevels;
using ServiceMark.Domain.Tickets;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.ServiceFacts;
using ServiceMark.Web.Features.Tickets;

namespace ServiceMark.Web.Tests.Tickets;

/// <summary>
/// Backdated records for migrations and for tests (issue 12 point 9): historical tickets come in with their real times, are
/// replayed through the lifecycle rules, measured by the service levels (a pause placed at a chosen time stops the clock) and
/// counted in the facts; a wrong ticket imports nothing and is named with its step and field; only an administrator imports.
/// </summary>
[Trait("Rule", "R-TKT-3")]
public sealed class TicketImportTests(TestApp app) : IClassFixture<TestApp>
{
    private DateTime Base => DateTime.SpecifyKind(app.Clock.GetUtcNow().UtcDateTime.Date.AddDays(-40).AddHours(1), DateTimeKind.Utc);

    private static string At(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Number(string tag) => $"IMP-{tag}-{Guid.NewGuid():N}"[..18];

    /// <summary>A body fault 12 km away (24 clock hours to be on site), served by <paramref name="engineer"/>; a customer pause when asked.</summary>
    private object Ticket(string number, string engineer, bool pause, DateTime reported, object? survey = null)
    {
        var steps = new List<object>
        {
            new { action = "Dispatch", at = At(reported.AddMinutes(30)), by = "E0005", engineers = new[] { engineer } },
            new { action = "accept", at = At(reported.AddMinutes(40)) },
        };
        if (pause)
        {
            steps.Add(new { action = "WaitForCustomer", at = At(reported.AddHours(1)), reason = "客户车辆在外地运营" });
            steps.Add(new { action = "CustomerResponded", at = At(reported.AddHours(31)), note = "车辆已回场" });
        }

        steps.AddRange(
        [
            new { action = "Arrive", at = At(reported.AddHours(40)) },
            new { action = "Diagnose", at = At(reported.AddHours(41)) },
            new { action = "RecordReport", at = At(reported.AddHours(42)), report = new { findings = "前门气泵漏气", workDone = "更换气泵", partsReplaced = new[] { new { name = "车门气泵", quantity = 1, reason = "漏气" } }, oldPartsReturned = true } },
            new { action = "Resolve", at = At(reported.AddHours(43)) },
            new { action = "SignReport", at = At(reported.AddHours(43.5)), signerName = "赵建华" },
            new { action = "ApproveReport", at = At(reported.AddHours(44)), by = "E0005" },
            new { action = "Close", at = At(reported.AddHours(48)), by = "E0008" },
            new { action = "RecordFollowUp", at = At(reported.AddHours(50)), by = "E0008", note = "电话回访" },
        ]);
        return new
        {
            number, customerCode = "C1001", contactName = "赵建华", contactPhone = "13703710101", siteAddress = "郑州市金水区农业路18号", distanceKm = 12,
            serialNumber = "LZYTBGCK0R1000101", mileageKm = 86000, faultCategory = "Body", faultDescription = "前门气泵漏气，车门无法关闭", urgency = "High",
            channel = "Phone", reportedAt = At(reported), reportedBy = "E0008", steps, survey,
        };
    }

    private async Task<HttpResponseMessage> ImportAsync(string? user, params object[] tickets)
    {
        using var client = app.ClientFor(user);
        return await client.PostAsJsonAsync("/api/v1/tickets/import", new { tickets });
    }

    [Fact]
    public async Task Imported_tickets_keep_their_times_pauses_stop_the_clock_and_the_facts_count_them()
    {
        var reported = Base;
        var paused = Number("P");
        var straight = Number("S");
        var response = await ImportAsync("admin",
            Ticket(paused, "E0015", pause: true, reported, new { at = At(reported.AddHours(50)), by = "E0008", repairQuality = 9, satisfaction = 8, overall = 3, problemSolved = true }),
            Ticket(straight, "E0015", pause: false, reported.AddMinutes(5)));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.ReadAsync<TicketImportResult>();
        Assert.Equal(2, result.Imported);
        Assert.All(result.Tickets, t => Assert.Equal(nameof(TicketStatus.FollowedUp), t.Status));
        var pausedId = result.Tickets.Single(t => t.Number == paused).Id;
        var straightId = result.Tickets.Single(t => t.Number == straight).Id;

        // On site 40 hours after the report: within the 24 hours only when the customer's 30-hour pause is not counted.
        var arrival = await app.WithDbAsync(db => db.TicketServiceLevelOutcomes.Where(o => (o.TicketId == pausedId || o.TicketId == straightId) && o.Target == SlaTarget.Arrival)
            .Select(o => new { o.TicketId, o.MetOnTime, o.MetAtUtc }).ToListAsync());
        Assert.True(arrival.Single(o => o.TicketId == pausedId).MetOnTime);
        Assert.False(arrival.Single(o => o.TicketId == straightId).MetOnTime);
        Assert.Equal(reported.AddHours(40), arrival.Single(o => o.TicketId == pausedId).MetAtUtc);

        using var head = app.ClientFor("head");
        var view = await head.GetFromJsonAsync<TicketView>($"/api/v1/tickets/{pausedId}", Json.Options);
        Assert.Equal(reported, view!.ReportedAtUtc);
        Assert.Equal(reported.AddHours(1), view.Events.Single(e => e.Action == TicketAction.WaitForCustomer).AtUtc);
        Assert.Equal(TicketImport.PaperSignature, view.Report!.SignatureAttachmentId);
        Assert.Equal("车门气泵", view.Report.PartsReplaced.Single().Name);
        Assert.NotNull(view.UnderWarranty); // the registered unit is checked as of the report date

        // The audit log says the rows were imported, and by whom.
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(ServiceTicket) && a.EntityId == pausedId.ToString(CultureInfo.InvariantCulture))
            .Select(a => new { a.Action, a.ActorName, a.Reason }).ToListAsync());
        Assert.Equal("Imported", Assert.Single(audit).Action);

        // Counted in the facts of the engineer's month like any other ticket, with the survey.
        var from = DateOnly.FromDateTime(reported.AddDays(-1));
        var scope = $"personId={await new TicketDriver(app).PersonIdAsync("E0015")}&from={from:yyyy-MM-dd}&to={from.AddDays(4):yyyy-MM-dd}";
        var facts = (await head.GetFromJsonAsync<ServiceFactsView>($"/api/v1/service-facts?{scope}", Json.Options))!.Facts;
        Assert.Equal(2m, facts.Single(f => f.Code == ServiceFactsCalculator.TicketsHandled).Value);
        Assert.Equal(50m, facts.Single(f => f.Code == $"{ServiceFactsCalculator.OnTimeRate}:{SlaTarget.Arrival}").Value);
        Assert.Equal(8m, facts.Single(f => f.Code == ServiceFactsCalculator.AverageSatisfaction).Value);
    }

    [Fact]
    public async Task A_wrong_ticket_imports_nothing_and_each_error_names_its_ticket_step_and_field()
    {
        var good = Number("G");
        var reported = Base.AddDays(1);
        var outOfOrder = Ticket(Number("O"), "E0015", pause: false, reported);
        var json = JsonSerializer.SerializeToNode(outOfOrder, Json.Options)!;
        json["steps"]![1]!["at"] = At(reported.AddMinutes(10)); // accepted before it was dispatched
        var response = await ImportAsync("admin",
            Ticket(good, "E0015", pause: false, reported),
            json,
            new { number = Number("A"), customerCode = "C0000", contactName = "x", contactPhone = "13703710101", siteAddress = "y", faultCategory = "Body",
                faultDescription = "z", reportedAt = At(app.Clock.GetUtcNow().UtcDateTime.AddHours(2)) },
            new { number = Number("T"), customerCode = "C1001", contactName = "x", contactPhone = "13703710101", siteAddress = "y", faultCategory = "Body",
                faultDescription = "z", reportedAt = At(reported), steps = new object[] { new { action = "Arrive", at = At(reported.AddHours(1)) } } },
            new { number = good, customerCode = "C1001", contactName = "x", contactPhone = "13703710101", siteAddress = "y", faultCategory = "Bodywork",
                faultDescription = "z", reportedAt = "昨天" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.ReadJsonAsync();
        var codes = body.GetProperty("errorCodes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(c => c.GetString()).ToList());
        Assert.Equal([TicketRefusal.TimeOutOfOrder], codes["tickets[1].steps[1].at"]);
        Assert.Equal(["unknown"], codes["tickets[2].customerCode"]);
        Assert.Equal(["future"], codes["tickets[2].reportedAt"]);
        Assert.Equal([TicketRefusal.InvalidTransition], codes["tickets[3].steps[0].action"]);
        Assert.Equal(["duplicate"], codes["tickets[4].number"]);
        Assert.Equal(["unknown"], codes["tickets[4].faultCategory"]);
        Assert.Equal(["format"], codes["tickets[4].reportedAt"]);
        Assert.False(await app.WithDbAsync(db => db.Tickets.AnyAsync(t => t.Number == good)));

        // A number that exists already is refused, and a survey of a ticket that was never closed.
        var existing = await new TicketDriver(app).CreateAsync();
        var again = await ImportAsync("admin", new
        {
            number = existing.Number, customerCode = "C1001", contactName = "x", contactPhone = "13703710101", siteAddress = "y", faultCategory = "Body",
            faultDescription = "z", reportedAt = At(reported), survey = new { at = At(reported.AddHours(1)), satisfaction = 11, problemSolved = true },
        }, new
        {
            number = Number("N"), customerCode = "C1001", contactName = "x", contactPhone = "13703710101", siteAddress = "y", faultCategory = "Body",
            faultDescription = "z", reportedAt = At(reported), survey = new { at = At(reported.AddHours(1)), satisfaction = 11, problemSolved = true },
        });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var fields = await again.FieldErrorsAsync();
        Assert.Contains("tickets[0].number", fields);
        Assert.Contains("tickets[1].survey.at", fields);
        Assert.Contains("tickets[1].survey.satisfaction", fields);
        Assert.Equal(HttpStatusCode.BadRequest, (await ImportAsync("admin")).StatusCode);

        // Years back is history too; before 2000 is not.
        var old = new DateTime(2019, 9, 30, 2, 0, 0, DateTimeKind.Utc); // the day before the National Day holidays
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync("admin", Ticket(Number("Y"), "E0014", pause: false, old))).StatusCode);
        var ancient = await ImportAsync("admin", Ticket(Number("Z"), "E0014", pause: false, new DateTime(1999, 12, 30, 2, 0, 0, DateTimeKind.Utc)));
        Assert.Contains("tickets[0].reportedAt", await ancient.FieldErrorsAsync());
    }

    [Theory]
    [InlineData("supervisor", HttpStatusCode.Forbidden)]
    [InlineData("head", HttpStatusCode.Forbidden)]
    [InlineData("engineer", HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    public async Task Only_an_administrator_imports_tickets(string? user, HttpStatusCode expected)
    {
        var number = Number("F");
        Assert.Equal(expected, (await ImportAsync(user, Ticket(number, "E0015", pause: false, Base))).StatusCode);
        using var client = app.ClientFor(user);
        Assert.Equal(expected, (await client.GetAsync(new Uri("/api/v1/tickets/import-template", UriKind.Relative))).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Tickets.AnyAsync(t => t.Number == number)));
    }

    [Fact]
    public async Task An_administrator_linked_to_a_person_does_not_import_their_own_work()
    {
        var engineer = await new TicketDriver(app).PersonIdAsync("E0012");
        await LinkAdminAsync(engineer);
        try
        {
            var number = Number("M");
            var response = await ImportAsync("admin", Ticket(number, "E0012", pause: false, Base));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var codes = (await response.ReadJsonAsync()).GetProperty("errorCodes");
            Assert.Equal("self", codes.GetProperty("tickets[0].steps[0].engineers")[0].GetString());
            Assert.False(await app.WithDbAsync(db => db.Tickets.AnyAsync(t => t.Number == number)));
            Assert.Equal(HttpStatusCode.OK, (await ImportAsync("admin", Ticket(Number("O"), "E0013", pause: false, Base))).StatusCode);
        }
        finally
        {
            await LinkAdminAsync(null);
        }
    }

    private Task LinkAdminAsync(int? personId) => app.WithDbAsync(async db =>
    {
        var admin = await db.Users.SingleAsync(u => u.UserName == "admin");
        admin.PersonId = personId;
        app.ForgetToken("admin"); // the person is a claim of the sign-in
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task The_downloaded_template_imports_as_it_is_and_a_wrong_cell_is_named_by_sheet_row_and_column()
    {
        using var admin = app.ClientFor("admin");
        var template = await admin.GetByteArrayAsync(new Uri("/api/v1/tickets/import-template", UriKind.Relative));
        using (var read = new MemoryStream(template))
        {
            Assert.Equal([TicketImportWorkbook.TicketSheet, TicketImportWorkbook.StepSheet], read.GetSheetNames());
        }

        // A wrong cell first: the arrival dated before the acceptance, in Excel row 4 of the steps sheet.
        var steps = Sheet(template, TicketImportWorkbook.StepSheet);
        steps[2]["时间"] = "2026-03-03 09:35";
        var broken = await UploadAsync(admin, Workbook(Sheet(template, TicketImportWorkbook.TicketSheet), steps));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        var rows = (await broken.ReadJsonAsync()).GetProperty("rows").EnumerateArray()
            .Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("column").GetString(), r.GetProperty("code").GetString())).ToList();
        Assert.Equal([(4, "步骤: 时间", TicketRefusal.TimeOutOfOrder)], rows);
        Assert.False(await app.WithDbAsync(db => db.Tickets.AnyAsync(t => t.Number == "GD2026-0001")));

        var imported = await UploadAsync(admin, template);
        Assert.True(imported.StatusCode == HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        var ticket = await app.WithDbAsync(db => db.Tickets.Include(t => t.Events).SingleAsync(t => t.Number == "GD2026-0001"));
        Assert.Equal(TicketStatus.FollowedUp, ticket.Status);
        Assert.Equal(new DateTime(2026, 3, 3, 1, 0, 0, DateTimeKind.Utc), ticket.ReportedAtUtc); // 09:00 in the company's zone (UTC+8)
        Assert.Contains(ticket.Events, e => e.Action == TicketAction.WaitForCustomer);
        Assert.True(await app.WithDbAsync(db => db.SatisfactionSurveys.AnyAsync(s => s.TicketId == ticket.Id)));
    }

    private static List<Dictionary<string, object?>> Sheet(byte[] workbook, string sheet)
    {
        using var stream = new MemoryStream(workbook);
        return stream.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>().Select(r => new Dictionary<string, object?>(r)).ToList();
    }

    private static byte[] Workbook(List<Dictionary<string, object?>> tickets, List<Dictionary<string, object?>> steps)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { [TicketImportWorkbook.TicketSheet] = tickets, [TicketImportWorkbook.StepSheet] = steps }, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] workbook)
    {
        var file = new ByteArrayContent(workbook);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var form = new MultipartFormDataContent { { file, "file", "tickets.xlsx" } };
        return await client.PostAsync(new Uri("/api/v1/tickets/import/excel", UriKind.Relative), form);
    }
}
