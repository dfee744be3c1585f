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
    /// <summary>A new ticket driven through the API from report to closed, by 马超 (E0011).</summary>
    public static async Task<TicketView> ClosedTicketAsync(TestApp app)
    {
        var driver = new TicketDriver(app);
        return await driver.CloseAsync(await driver.CreateAsync());
    }

    public static Task<TicketView> ActAsync(HttpClient client, TicketView ticket, string action, object? extra = null) =>
        TicketDriver.ActAsync(client, ticket, action, extra);

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
