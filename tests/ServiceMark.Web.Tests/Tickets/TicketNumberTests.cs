using System.Net;
using System.Net.Http.Json;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Tickets;

namespace ServiceMark.Web.Tests.Tickets;

/// <summary>
/// Tickets opened at the same moment each get their own number (found by the wrk load test: two requests read the same
/// last number and the second failed with a 500).
/// </summary>
[Trait("Rule", "R-TKT-3")]
public sealed class TicketNumberTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Tickets_created_concurrently_all_succeed_with_distinct_consecutive_numbers()
    {
        var created = await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            using var client = app.ClientFor("specialist");
            var response = await client.PostAsJsonAsync("/api/v1/tickets", new
            {
                customerId = 1, contactName = "赵建华", contactPhone = "13703710101", siteAddress = "郑州市金水区农业路18号", distanceKm = 12m,
                serialNumber = "LZYTBGCK0R1000101", faultCategory = "Body", faultDescription = $"并发 {i}", urgency = "Normal", channel = "Phone",
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return await response.ReadAsync<TicketView>();
        }));

        var numbers = created.Select(t => t.Number).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        var sequences = numbers.Select(n => int.Parse(n[^4..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(sequences[0], sequences.Count), sequences);
    }
}
