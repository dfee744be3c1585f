using System.Net;
using System.Net.Http.Json;
using ServiceMark.Domain.ServiceFacts;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Features.ServiceFacts;

namespace ServiceMark.Web.Tests.ServiceFacts;

[Trait("Rule", "R-ASM-10")]
public sealed class ServiceFactsTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Facts_are_computed_from_the_recorded_tickets_and_name_them()
    {
        var driver = new TicketDriver(app);
        var onTime = await driver.CloseAsync(await driver.CreateAsync(), "E0013", "E0013");
        var late = await driver.CloseAsync(await driver.CreateAsync("LZYTBGCK0R1000102"), "E0013", "E0013", () => app.Clock.Advance(TimeSpan.FromMinutes(30)));
        var personId = await driver.PersonIdAsync("E0013");

        using var supervisor = app.ClientFor("supervisor");
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        var scope = $"personId={personId}&from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
        var view = await supervisor.GetFromJsonAsync<ServiceFactsView>($"/api/v1/service-facts?{scope}", Json.Options);

        var handled = view!.Facts.Single(f => f.Code == ServiceFactsCalculator.TicketsHandled);
        Assert.Equal(2m, handled.Value);
        Assert.Equal(2, handled.EvidenceCount);
        var records = await supervisor.GetFromJsonAsync<PageOf<EvidenceRecord>>($"/api/v1/service-facts/{handled.Code}/evidence?{scope}", Json.Options);
        Assert.Equal([onTime.Number, late.Number], records!.Items.Select(t => t.Number).Order());
        Assert.Equal(2, records.Total);
        Assert.Equal(100m, view.Facts.Single(f => f.Code == ServiceFactsCalculator.ReportOnTimeRate).Value);
        Assert.Equal(0m, view.Facts.Single(f => f.Code == ServiceFactsCalculator.FollowUpRate).Value);
        Assert.Contains(view.Facts, f => f.Code.StartsWith(ServiceFactsCalculator.OnTimeRate, StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Rule", "R-CMP-2")]
    public async Task A_survey_answered_through_its_link_shows_in_the_satisfaction_fact()
    {
        var driver = new TicketDriver(app);
        var ticket = await driver.CloseAsync(await driver.CreateAsync(), "E0014", "E0014");
        var (_, token) = await Surveys.SurveyTestSupport.IssueLinkAsync(app, ticket.Id);
        using var customer = app.ClientFor(null);
        var answered = await customer.PostAsJsonAsync($"/api/v1/public/surveys/{token}",
            new { repairQuality = 8, satisfaction = 7, overall = 2, problemSolved = true, comment = "满意" });
        Assert.True(answered.IsSuccessStatusCode, await answered.Content.ReadAsStringAsync());

        using var head = app.ClientFor("head");
        var view = await head.GetFromJsonAsync<ServiceFactsView>($"/api/v1/service-facts?personId={await driver.PersonIdAsync("E0014")}", Json.Options);
        var satisfaction = view!.Facts.Single(f => f.Code == ServiceFactsCalculator.AverageSatisfaction);
        Assert.Equal(7m, satisfaction.Value);
        var records = await head.GetFromJsonAsync<PageOf<EvidenceRecord>>(
            $"/api/v1/service-facts/{satisfaction.Code}/evidence?personId={await driver.PersonIdAsync("E0014")}", Json.Options);
        Assert.Equal([ticket.Id], records!.Items.Select(t => t.Id));
        Assert.Equal(100m, view.Facts.Single(f => f.Code == ServiceFactsCalculator.FollowUpRate).Value);
    }

    [Fact]
    public async Task An_engineer_sees_their_own_facts_only()
    {
        var driver = new TicketDriver(app);
        using var engineer = app.ClientFor("engineer");
        var own = await engineer.GetAsync(new Uri($"/api/v1/service-facts?personId={await driver.PersonIdAsync("E0011")}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var other = await engineer.GetAsync(new Uri($"/api/v1/service-facts?personId={await driver.PersonIdAsync("E0017")}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync(new Uri("/api/v1/service-facts?orgUnitId=1", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_evidence_of_a_fact_has_the_facts_permissions_an_engineer_sees_their_own_only()
    {
        var driver = new TicketDriver(app);
        var mine = await driver.CloseAsync(await driver.CreateAsync(), "E0011", "engineer");
        var own = await driver.PersonIdAsync("E0011");
        using var engineer = app.ClientFor("engineer");
        var url = $"/api/v1/service-facts/{ServiceFactsCalculator.TicketsHandled}/evidence";

        // Their own, by default and by id.
        var page = await engineer.GetFromJsonAsync<PageOf<EvidenceRecord>>(url, Json.Options);
        Assert.Contains(page!.Items, r => r.Id == mine.Id && r.Number == mine.Number && r.Kind == FactEvidenceKind.Ticket);
        Assert.Equal(HttpStatusCode.OK, (await engineer.GetAsync(new Uri($"{url}?personId={own}", UriKind.Relative))).StatusCode);

        // Someone else's, or a unit's: refused, as the facts are.
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync(new Uri($"{url}?personId={await driver.PersonIdAsync("E0017")}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync(new Uri($"{url}?orgUnitId=1", UriKind.Relative))).StatusCode);

        // A leader sees anyone's; an unknown fact is a 404 and a page out of range names its field.
        using var head = app.ClientFor("head");
        var theirs = await head.GetFromJsonAsync<PageOf<EvidenceRecord>>($"{url}?personId={own}&pageSize=1", Json.Options);
        Assert.Single(theirs!.Items);
        Assert.Equal(page.Total, theirs.Total);
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync(new Uri("/api/v1/service-facts/no_such_fact/evidence", UriKind.Relative))).StatusCode);
        Assert.Equal(["pageSize"], await (await head.GetAsync(new Uri($"{url}?pageSize=0", UriKind.Relative))).FieldErrorsAsync());
    }

    [Fact]
    public async Task A_period_ending_on_the_last_day_of_the_calendar_is_a_400_naming_to()
    {
        using var head = app.ClientFor("head");
        var response = await head.GetAsync(new Uri("/api/v1/service-facts?from=9999-12-01&to=9999-12-31", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["to"], await response.FieldErrorsAsync());
    }

    [Fact]
    public async Task A_unit_without_people_has_no_tickets_not_everyones()
    {
        await new TicketDriver(app).CloseAsync(await new TicketDriver(app).CreateAsync("LZYTBGCK0E1000777"));
        using var hr = app.ClientFor("hr");
        var created = await hr.PostAsJsonAsync("/api/v1/org-units", new { kind = "Team", code = "EMPTY-77", name = "空班组", parentId = 2 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var unit = (await created.ReadJsonAsync()).GetProperty("id").GetInt32();

        using var head = app.ClientFor("head");
        var everyone = await (await head.GetAsync(new Uri("/api/v1/service-facts", UriKind.Relative))).ReadJsonAsync();
        Assert.Contains(everyone.GetProperty("facts").EnumerateArray(), f => f.GetProperty("code").GetString() == "tickets_handled" && f.GetProperty("numerator").GetInt32() > 0);
        var empty = await (await head.GetAsync(new Uri($"/api/v1/service-facts?orgUnitId={unit}", UriKind.Relative))).ReadJsonAsync();
        Assert.Equal(0, empty.GetProperty("people").GetInt32());
        Assert.All(empty.GetProperty("facts").EnumerateArray(), f =>
        {
            Assert.Equal(0, f.GetProperty("denominator").GetInt32());
            Assert.Equal(0, f.GetProperty("evidenceCount").GetInt32());
        });
        var evidence = await (await head.GetAsync(new Uri($"/api/v1/service-facts/tickets_handled/evidence?orgUnitId={unit}", UriKind.Relative))).ReadJsonAsync();
        Assert.Equal(0, evidence.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_backwards_period_names_the_field()
    {
        using var head = app.ClientFor("head");
        var response = await head.GetAsync(new Uri("/api/v1/service-facts?from=2026-05-01&to=2026-04-01", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("from", await response.FieldErrorsAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync(new Uri("/api/v1/service-facts?orgUnitId=99999", UriKind.Relative))).StatusCode);
    }
}
