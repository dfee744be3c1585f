using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Demo;
using ServiceMark.Web.Tests.GeneratedClient;
using ServiceMark.Web.Tests.GeneratedClient.Models;

namespace ServiceMark.Web.Tests.Api;

/// <summary>
/// Issue 12 point 11: a client generated from docs/api/openapi.v1.json (Kiota, by the test project's build: see its
/// .csproj) works against the app — it signs in, reports a fault and reads the ticket back with the document's types,
/// and a refusal arrives as the document's ProblemDetails.
/// </summary>
public sealed class OpenApiGeneratedClientTests(TestApp app) : IClassFixture<TestApp>
{
    private const string Fault = "前门气泵漏气，车门无法关闭";

    [Fact]
    public async Task A_generated_client_signs_in_creates_a_ticket_and_reads_it_back()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = app.CreateClient();

        var token = await Client(http, new AnonymousAuthenticationProvider()).Api.V1.Auth.Token
            .PostAsync(new TokenRequest { UserName = "specialist", Password = DemoSeeder.DemoPassword }, cancellationToken: ct);
        Assert.False(string.IsNullOrEmpty(token?.AccessToken));
        Assert.True(token.ExpiresIn > 0);

        var client = Client(http, new BaseBearerTokenAuthenticationProvider(new StaticToken(token.AccessToken)));
        var created = await client.Api.V1.Tickets.PostAsync(new CreateTicketRequest
        {
            CustomerId = 1, ContactName = "赵建华", ContactPhone = "13703710101", SiteAddress = "郑州市金水区农业路18号", DistanceKm = 12,
            SerialNumber = "LZYTBGCK0R1000101", MileageKm = 86000, FaultCategory = "Body", FaultDescription = Fault, Urgency = "High",
            Channel = "Phone",
        }, cancellationToken: ct);
        Assert.NotNull(created?.Id);
        Assert.False(string.IsNullOrEmpty(created.Number));

        var read = await client.Api.V1.Tickets[created.Id.Value].GetAsync(cancellationToken: ct);
        Assert.NotNull(read);
        Assert.Equal((created.Id, created.Number, created.Version), (read.Id, read.Number, read.Version));
        Assert.Equal((Fault, 1, "LZYTBGCK0R1000101"), (read.FaultDescription, read.CustomerId, read.SerialNumber));
        Assert.Equal(created.Status, read.Status);
        Assert.NotNull(read.Status);

        var refused = await Assert.ThrowsAsync<ProblemDetails>(() => client.Api.V1.Tickets[int.MaxValue].GetAsync(cancellationToken: ct));
        Assert.Equal((404, "not_found"), (refused.ResponseStatusCode, refused.Code));
    }

    private static ServiceMarkClient Client(HttpClient http, IAuthenticationProvider authentication) =>
        new(new HttpClientRequestAdapter(authentication, httpClient: http) { BaseUrl = http.BaseAddress!.ToString().TrimEnd('/') });

    /// <summary>The access token from sign-in, sent as <c>Authorization: Bearer …</c> (Kiota sends it to localhost over http too).</summary>
    private sealed class StaticToken(string token) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new();

        public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null,
            CancellationToken cancellationToken = default) => Task.FromResult(token);
    }
}
