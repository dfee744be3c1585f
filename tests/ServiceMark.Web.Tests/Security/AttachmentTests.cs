using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Tests.Infrastructure;

namespace ServiceMark.Web.Tests.Security;

public sealed class AttachmentTests(TestApp app) : IClassFixture<TestApp>
{
    // A real 1×1 PNG: images are decoded and re-encoded, so a bare signature is no longer enough.
    private static readonly byte[] Png = Convert.FromBase64String(TicketDriver.SignaturePng["data:image/png;base64,".Length..]);
    private static readonly byte[] Pdf = UploadTests.MinimalPdf();

    private Task<int> PersonIdAsync(string number) => app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == number).Select(p => p.Id).SingleAsync());

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int ownerId, byte[] bytes, string fileName, string contentType = "image/png")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Person"), "ownerType" },
            { new StringContent(ownerId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "ownerId" },
            { file, "file", fileName },
        };
        return await client.PostAsync(new Uri("/api/v1/attachments", UriKind.Relative), form);
    }

    [Fact]
    public async Task An_engineer_stores_a_photo_on_their_own_record_that_a_colleague_cannot_open()
    {
        using var engineer = app.ClientFor("engineer");
        var response = await UploadAsync(engineer, await PersonIdAsync("E0011"), Png, "me.png");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.ReadJsonAsync()).GetProperty("id").GetString()!;
        Assert.True(id.Length >= 43, "ids carry at least 256 random bits");

        var own = await engineer.GetAsync(new Uri($"/api/v1/attachments/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("image/png", own.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", own.Headers.GetValues("X-Content-Type-Options").Single());

        using var colleague = app.ClientFor("engineer2");
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync(new Uri($"/api/v1/attachments/{id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync(new Uri($"/api/v1/attachments?ownerType=Person&ownerId={await PersonIdAsync("E0011")}", UriKind.Relative))).StatusCode);

        using var hr = app.ClientFor("hr");
        Assert.Equal(HttpStatusCode.OK, (await hr.GetAsync(new Uri($"/api/v1/attachments/{id}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task An_engineer_cannot_attach_files_to_a_colleague()
    {
        using var engineer = app.ClientFor("engineer");
        var response = await UploadAsync(engineer, await PersonIdAsync("E0017"), Png, "x.png");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", "evil.svg", "image/svg+xml")]
    [InlineData("<html><script>alert(1)</script></html>", "evil.png", "image/png")]
    public async Task Svg_html_and_disguised_files_are_refused(string content, string name, string type)
    {
        using var hr = app.ClientFor("hr");
        var response = await UploadAsync(hr, await PersonIdAsync("E0012"), System.Text.Encoding.UTF8.GetBytes(content), name, type);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("file", await response.FieldErrorsAsync());
    }

    [Fact]
    public async Task Oversized_files_are_refused_with_413()
    {
        using var hr = app.ClientFor("hr");
        var big = new byte[11 * 1024 * 1024];
        Png.CopyTo(big, 0);
        var response = await UploadAsync(hr, await PersonIdAsync("E0012"), big, "big.png");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("too_large", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Documents_are_downloaded_never_shown_inline()
    {
        using var hr = app.ClientFor("hr");
        var created = await (await UploadAsync(hr, await PersonIdAsync("E0012"), Pdf, "合同<script>.pdf", "application/pdf")).ReadJsonAsync();
        Assert.Equal("合同script.pdf", created.GetProperty("fileName").GetString());
        var download = await hr.GetAsync(new Uri($"/api/v1/attachments/{created.GetProperty("id").GetString()}", UriKind.Relative));
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task An_unknown_or_guessed_id_is_404()
    {
        using var hr = app.ClientFor("hr");
        Assert.Equal(HttpStatusCode.NotFound, (await hr.GetAsync(new Uri("/api/v1/attachments/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", UriKind.Relative))).StatusCode);
    }
}
