using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MiniExcelLibs;
using ServiceMark.Browser.Tests.Infrastructure;
using ServiceMark.Web.Features.Tickets;
using static Microsoft.Playwright.Assertions;

namespace ServiceMark.Browser.Tests;

/// <summary>
/// Moving onto ServiceMark (issue 12 point 9) in a real browser: the administrator uploads the ticket workbook; a wrong cell is
/// named by sheet, row and column and nothing is imported; the corrected workbook imports, and the ticket shows its history.
/// </summary>
[Trait("Rule", "R-TKT-3")]
public sealed class TicketImportPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_administrator_imports_the_workbook_after_correcting_the_row_it_names()
    {
        browser.SkipIfUnavailable();
        var page = await browser.NewPageAsync();
        await page.SignInAsync("admin");
        await page.GoToAsync("/");
        await page.ClickAsync("#nav-ticket-import");
        await Expect(page.Locator("#page-title")).ToHaveTextAsync("导入历史工单");

        // The arrival typed before the acceptance: refused with its place in the workbook, in Chinese.
        var template = TicketImportWorkbook.Template();
        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload { Name = "工单.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = WithArrivalAt(template, "2026-03-03 09:35") });
        await Expect(page.Locator("#import-result")).ToBeVisibleAsync();
        await Expect(page.Locator("#import-errors")).ToContainTextAsync("步骤: 时间");
        await Expect(page.Locator("#import-errors")).ToContainTextAsync("早于上一步骤");
        Assert.True((await page.ScreenshotAsync("ticket-import-errors")).Length > 10_000);
        Assert.False(await browser.App.WithDbAsync(db => db.Tickets.AnyAsync(t => t.Number == "GD2026-0001")));

        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload { Name = "工单.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = template });
        await Expect(page.Locator("#import-result")).ToHaveTextAsync("已导入 1 张工单。");

        var id = await browser.App.WithDbAsync(db => db.Tickets.Where(t => t.Number == "GD2026-0001").Select(t => t.Id).SingleAsync());
        await page.GoToAsync($"/tickets/{id}");
        await Expect(page.Locator("#ticket-status")).ToHaveTextAsync("已回访");
        await Expect(page.Locator("#paper-signature")).ToContainTextAsync("赵建华");
        Assert.True((await page.ScreenshotAsync("ticket-imported")).Length > 15_000);
    }

    private static byte[] WithArrivalAt(byte[] workbook, string at)
    {
        List<Dictionary<string, object?>> Sheet(string name)
        {
            using var read = new MemoryStream(workbook);
            return read.Query(useHeaderRow: true, sheetName: name).Cast<IDictionary<string, object?>>().Select(r => new Dictionary<string, object?>(r)).ToList();
        }

        var steps = Sheet(TicketImportWorkbook.StepSheet);
        steps.Single(s => (string?)s["动作"] == "到场")["时间"] = at;
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { [TicketImportWorkbook.TicketSheet] = Sheet(TicketImportWorkbook.TicketSheet), [TicketImportWorkbook.StepSheet] = steps },
            excelType: ExcelType.XLSX);
        return stream.ToArray();
    }
}
