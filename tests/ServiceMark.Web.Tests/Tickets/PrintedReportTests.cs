using System.Net;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Tests.Surveys;

namespace ServiceMark.Web.Tests.Tickets;

[Trait("Rule", "R-TKT-4")]
public sealed class PrintedReportTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task The_printed_report_of_a_closed_ticket_carries_the_signature_and_a_survey_qr_code()
    {
        var driver = new TicketDriver(app);
        var ticket = await driver.CloseAsync(await driver.CreateAsync(), "E0015", "E0015");
        using var specialist = app.ClientFor("specialist");

        var page = await specialist.GetAsync(new Uri($"/tickets/{ticket.Id}/print", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"/api/v1/attachments/{ticket.Report!.SignatureAttachmentId}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"survey-qr\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"printed-remote\"", html, StringComparison.Ordinal); // a visit, not a remote resolution

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "survey-qr",
            ["__RequestVerificationToken"] = SurveyTestSupport.AntiforgeryToken(html),
        });
        var posted = await specialist.PostAsync(new Uri($"/tickets/{ticket.Id}/print", UriKind.Relative), form);
        var withQr = await posted.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("id=\"survey-qr\"", withQr, StringComparison.Ordinal);
        Assert.Contains("data:image/png;base64,", withQr, StringComparison.Ordinal);

        // Another engineer's print view shows nothing of the ticket (the same check as the ticket itself).
        using var engineer = app.ClientFor("engineer2");
        var foreign = await (await engineer.GetAsync(new Uri($"/tickets/{ticket.Id}/print", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.DoesNotContain(ticket.Number, foreign, StringComparison.Ordinal);
    }
}
