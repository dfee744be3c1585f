using System.Net;
using System.Net.Http.Json;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.ContactLog;
using ServiceMark.Web.Features.Organisation;

namespace ServiceMark.Web.Tests.Customers;

[Trait("Rule", "R-TKT-1")]
public sealed class ContactLogTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Contacts_are_logged_in_time_order_with_handling_and_reply()
    {
        using var specialist = app.ClientFor("specialist");
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var earlier = await (await specialist.PostAsJsonAsync("/api/v1/contact-log", new
        {
            receivedAt = now.AddHours(-3), channel = "LetterEmail", callerName = "洛阳公交 钱立新", subject = "询问三包政策", content = "来函询问空调三包期限",
        })).ReadAsync<ContactLogView>();
        var later = await (await specialist.PostAsJsonAsync("/api/v1/contact-log", new
        {
            channel = "Phone", callerName = "赵建华", callerPhone = "13703710101", customerId = 1, subject = "车门故障", content = "3号车前门无法关闭",
        })).ReadAsync<ContactLogView>();
        Assert.Equal("郑州公交集团", later.CustomerName);

        var page = await specialist.GetFromJsonAsync<PageOf<ContactLogView>>("/api/v1/contact-log?pageSize=10", Json.Options);
        Assert.Equal([later.Id, earlier.Id], page!.Items.Where(i => i.Id == later.Id || i.Id == earlier.Id).Select(i => i.Id));

        var handled = await specialist.PutAsJsonAsync($"/api/v1/contact-log/{earlier.Id}/handling", new { handling = "查阅合同", reply = "空调三包 24 个月", version = earlier.Version });
        var view = await handled.ReadAsync<ContactLogView>();
        Assert.Equal("空调三包 24 个月", view.Reply);
        Assert.NotNull(view.RepliedAtUtc);

        var stale = await specialist.PutAsJsonAsync($"/api/v1/contact-log/{earlier.Id}/handling", new { handling = "x", version = earlier.Version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
    }

    [Fact]
    public async Task A_contact_needs_caller_subject_content_and_a_known_channel()
    {
        using var specialist = app.ClientFor("specialist");
        var response = await specialist.PostAsJsonAsync("/api/v1/contact-log", new { channel = "Pigeon", receivedAt = app.Clock.GetUtcNow().UtcDateTime.AddDays(2) });
        Assert.Equal(["callerName", "channel", "content", "receivedAt", "subject"], (await response.FieldErrorsAsync()).Order());
        using var engineer = app.ClientFor("engineer");
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync(new Uri("/api/v1/contact-log", UriKind.Relative))).StatusCode);
    }
}
