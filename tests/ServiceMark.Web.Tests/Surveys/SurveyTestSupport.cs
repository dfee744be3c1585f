using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Surveys;
using ServiceMark.Web.Features.Tickets;

namespace ServiceMark.Web.Tests.Surveys;

/// <summary>The app with a survey rate limit high enough for a test class's own calls; the limit itself is tested apart.</summary>
public sealed class SurveyTestApp : TestApp
{
    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("ServiceMark:SurveyRequestsPerMinute", "1000");
}

internal static partial class SurveyTestSupport
{
    private const string SignaturePng = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

    /// <summary>Drives a new ticket through the API from report to closed (as in TicketFlowTests).</summary>
    public static async Task<TicketView> ClosedTicketAsync(TestApp app)
    {
        using var specialist = app.ClientFor("specialist");
        var created = await specialist.PostAsJsonAsync("/api/v1/tickets", new
        {
            customerId = 1, contactName = "赵建华", contactPhone = "13703710101", siteAddress = "郑州市金水区农业路18号", distanceKm = 12m,
            serialNumber = "LZYTBGCK0R1000101", mileageKm = 86000m, faultCategory = "Body", faultDescription = "前门气泵漏气", urgency = "High", channel = "Phone",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var ticket = await created.ReadAsync<TicketView>();
        var engineer = await app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == "E0011").Select(p => p.Id).SingleAsync());
        ticket = await ActAsync(specialist, ticket, "dispatch", new { engineerIds = new[] { engineer }, leadId = engineer });
        using var lead = app.ClientFor("engineer");
        ticket = await ActAsync(lead, ticket, "accept");
        ticket = await ActAsync(lead, ticket, "start-travel");
        ticket = await ActAsync(lead, ticket, "arrive");
        ticket = await ActAsync(lead, ticket, "diagnose", new { note = "气管破裂" });
        var report = await lead.PutAsJsonAsync($"/api/v1/tickets/{ticket.Id}/report", new
        {
            version = ticket.Version, findings = "前门气管老化破裂", cause = "橡胶管老化", workDone = "更换前门气管一根", compensationAmount = 0m,
            oldPartsReturned = true, paidServiceAmount = 0m,
        });
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        ticket = await ActAsync(lead, await report.ReadAsync<TicketView>(), "resolve");
        var signed = await lead.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/report/sign", new { version = ticket.Version, signerName = "赵建华", signatureDataUrl = SignaturePng });
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        using var supervisor = app.ClientFor("supervisor");
        ticket = await ActAsync(supervisor, await signed.ReadAsync<TicketView>(), "approve-report");
        return await ActAsync(specialist, ticket, "close");
    }

    public static async Task<TicketView> ActAsync(HttpClient client, TicketView ticket, string action, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["version"] = ticket.Version };
        foreach (var p in extra?.GetType().GetProperties() ?? [])
        {
            body[p.Name] = p.GetValue(extra);
        }

        var response = await client.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/actions/{action}", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<TicketView>();
    }

    /// <summary>Issues a link as the specialist; returns the link and the raw token from its URL.</summary>
    public static async Task<(IssuedSurveyLink Link, string Token)> IssueLinkAsync(TestApp app, int ticketId)
    {
        using var specialist = app.ClientFor("specialist");
        var response = await specialist.PostAsync(new Uri($"/api/v1/tickets/{ticketId}/survey-link", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var link = await response.ReadAsync<IssuedSurveyLink>();
        Assert.StartsWith("http", link.Url, StringComparison.Ordinal);
        return (link, link.Url[(link.Url.LastIndexOf('/') + 1)..]);
    }

    public static Task<HttpResponseMessage> GetPageAsync(HttpClient client, string token) =>
        client.GetAsync(new Uri($"/survey/{token}", UriKind.Relative));

    /// <summary>The antiforgery token of the survey form in this page.</summary>
    public static string AntiforgeryToken(string html)
    {
        var antiforgery = AntiforgeryField().Match(html);
        Assert.True(antiforgery.Success, "the form carries an antiforgery token");
        return WebUtility.HtmlDecode(antiforgery.Groups[1].Value);
    }

    /// <summary>Posts the survey form the way a browser does: with the form's antiforgery token (its cookie is in the client).</summary>
    public static Task<HttpResponseMessage> PostPageAsync(HttpClient client, string token, string antiforgery, Dictionary<string, string> fields)
    {
        var form = new Dictionary<string, string>(fields)
        {
            ["_handler"] = "survey",
            ["__RequestVerificationToken"] = antiforgery,
        };
        return client.PostAsync(new Uri($"/survey/{token}", UriKind.Relative), new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
