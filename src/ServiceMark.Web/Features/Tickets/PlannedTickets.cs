using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Tickets;
using ServiceMark.Web.Data;

namespace ServiceMark.Web.Features.Tickets;

/// <summary>
/// The tickets of planned work (maintenance visits, installations): opened by a system user of their own under an idempotency
/// key named after the planned item, so that a retry finds the ticket made before; channel 计划任务.
/// </summary>
internal static class PlannedTickets
{
    /// <summary>A system user that creates the tickets of one kind of planned work.</summary>
    public static ClaimsPrincipal SystemUser(string userId) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Name, "system")], "system"));

    /// <summary>
    /// The ticket of a planned item at a customer: the customer's first contact with a phone and first site, the first of the
    /// units' serial numbers, the description cut to the ticket's length; null when the customer has no contact with a phone or
    /// no site.
    /// </summary>
    public static async Task<CreateTicketRequest?> RequestAsync(AppDbContext db, int customerId, IReadOnlyCollection<int> unitIds, FaultCategory category,
        Func<IReadOnlyList<string>, string> describe, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().Include(c => c.Contacts).Include(c => c.Sites).FirstAsync(c => c.Id == customerId, ct);
        var contact = customer.Contacts.OrderBy(c => c.Id).FirstOrDefault(c => !string.IsNullOrWhiteSpace(c.Phone));
        var site = customer.Sites.OrderBy(s => s.Id).FirstOrDefault();
        if (contact is null || site is null)
        {
            return null;
        }

        var serials = await db.ProductUnits.Where(u => unitIds.Contains(u.Id)).OrderBy(u => u.SerialNumber).Select(u => u.SerialNumber).ToListAsync(ct);
        var description = describe(serials);
        if (description.Length > ServiceTicket.FaultDescriptionMaxLength)
        {
            description = description[..ServiceTicket.FaultDescriptionMaxLength];
        }

        return new CreateTicketRequest(customerId, contact.Name, contact.Phone, site.Address, site.DistanceKm, serials.FirstOrDefault(), null, null,
            category.ToString(), description, nameof(Urgency.Normal), nameof(IntakeChannel.Planned));
    }
}
