using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Web.Features.Tickets;

namespace ServiceMark.Tests.Infrastructure;

/// <summary>Drives tickets through the API as the people of the demo company would.</summary>
public sealed class TicketDriver(TestApp app)
{
    // A 1×1 transparent PNG: what the signature pad sends, as a data URL.
    public const string SignaturePng = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

    /// <summary>
    /// Writes <paramref name="times"/> service-level notifications of one kind about one ticket to a person, a minute apart
    /// from <paramref name="fromUtc"/>, as the SLA monitor would (tests of the inbox need many without waiting for it).
    /// </summary>
    public Task AddSlaNotificationsAsync(int recipient, Web.Features.Notifications.NotificationKind kind, int ticketId, string ticketNumber, int times,
        DateTime fromUtc) =>
        app.WithDbAsync(async db =>
        {
            for (var i = 0; i < times; i++)
            {
                db.Notifications.Add(new Web.Features.Notifications.Notification
                {
                    RecipientPersonId = recipient, Kind = kind, TicketId = ticketId, TitleKey = $"Notification.{kind}.Title", BodyKey = $"Notification.{kind}.Body",
                    ParametersJson = Web.Features.Notifications.Notification.ToJson(new Dictionary<string, string>
                        { ["ticketNumber"] = ticketNumber, ["target"] = "Arrival", ["dueUtc"] = fromUtc.ToString("o", System.Globalization.CultureInfo.InvariantCulture) }),
                    CreatedAtUtc = fromUtc.AddMinutes(i),
                });
            }

            return await db.SaveChangesAsync();
        });

    public Task<int> PersonIdAsync(string number) => app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == number).Select(p => p.Id).SingleAsync());

    public async Task<TicketView> CreateAsync(string serial = "LZYTBGCK0R1000101", string category = "Body", decimal distance = 12m)
    {
        using var specialist = app.ClientFor("specialist");
        var response = await specialist.PostAsJsonAsync("/api/v1/tickets", new
        {
            customerId = 1, contactName = "赵建华", contactPhone = "13703710101", siteAddress = "郑州市金水区农业路18号", distanceKm = distance,
            serialNumber = serial, mileageKm = 86000m, faultCategory = category, faultDescription = "前门气泵漏气，车门无法关闭", urgency = "High", channel = "Phone",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<TicketView>();
    }

    public static async Task<TicketView> ActAsync(HttpClient client, TicketView ticket, string action, object? extra = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = new Dictionary<string, object?> { ["version"] = ticket.Version };
        foreach (var p in extra?.GetType().GetProperties() ?? [])
        {
            body[p.Name] = p.GetValue(extra);
        }

        var response = await client.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/actions/{action}", body);
        Assert.True(expected == response.StatusCode, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return expected == HttpStatusCode.OK ? await response.ReadAsync<TicketView>() : ticket;
    }

    /// <summary>
    /// Dispatch → … → closed, with the report signed and approved; <paramref name="beforeArrival"/> lets a test pass time
    /// (clients are signed in afresh after it, since a bearer token lasts an hour).
    /// </summary>
    public async Task<TicketView> CloseAsync(TicketView ticket, string engineerNumber = "E0011", string engineerUser = "engineer", Action? beforeArrival = null)
    {
        ticket = await SignAsync(ticket, engineerNumber, engineerUser, beforeArrival);
        using var supervisor = app.ClientFor("supervisor");
        ticket = await ActAsync(supervisor, ticket, "approve-report");
        using var specialist = app.ClientFor("specialist");
        return await ActAsync(specialist, ticket, "close");
    }

    /// <summary>Dispatch → accept → arrive → diagnose → report → resolve → the customer signs: the report awaits approval.</summary>
    public async Task<TicketView> SignAsync(TicketView ticket, string engineerNumber = "E0011", string engineerUser = "engineer", Action? beforeArrival = null)
    {
        ticket = await ResolveAsync(ticket, engineerNumber, engineerUser, beforeArrival);
        using var engineer = app.ClientFor(engineerUser);
        return await (await SignReportAsync(engineer, ticket)).ReadAsync<TicketView>();
    }

    /// <summary>The customer signs the report on the engineer's device.</summary>
    public static Task<HttpResponseMessage> SignReportAsync(HttpClient engineer, TicketView ticket) =>
        engineer.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/report/sign", new { version = ticket.Version, signerName = "赵建华", signatureDataUrl = SignaturePng });

    /// <summary>Dispatch → accept → arrive → diagnose → report (<paramref name="partsReplaced"/> if any) → resolve: ready for the signature.</summary>
    public async Task<TicketView> ResolveAsync(TicketView ticket, string engineerNumber = "E0011", string engineerUser = "engineer", Action? beforeArrival = null,
        object[]? partsReplaced = null)
    {
        using (var dispatcher = app.ClientFor("specialist"))
        {
            ticket = await ActAsync(dispatcher, ticket, "dispatch", new { engineerIds = new[] { await PersonIdAsync(engineerNumber) } });
        }

        using (var accepting = app.ClientFor(engineerUser))
        {
            ticket = await ActAsync(accepting, ticket, "accept");
        }

        beforeArrival?.Invoke();
        using var engineer = app.ClientFor(engineerUser);
        ticket = await ActAsync(engineer, ticket, "arrive");
        ticket = await ActAsync(engineer, ticket, "diagnose");
        var saved = await engineer.PutAsJsonAsync($"/api/v1/tickets/{ticket.Id}/report", new
        {
            version = ticket.Version, findings = "气管破裂", workDone = "更换气管", partsReplaced = partsReplaced ?? [], compensationAmount = 0m, oldPartsReturned = true,
            paidServiceAmount = 0m,
        });
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        ticket = await saved.ReadAsync<TicketView>();
        return await ActAsync(engineer, ticket, "resolve");
    }
}
