using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Tests.Infrastructure;

namespace ServiceMark.Web.Tests.Security;

/// <summary>
/// Every upload: a broken or cut-off multipart body is a 400 naming <c>file</c>, a body over the limit is a 413, and a
/// file is accepted only when the whole of it is what it claims to be.
/// </summary>
public sealed class UploadTests(TestApp app) : IClassFixture<TestApp>
{
    public static TheoryData<string, string> Uploads => new()
    {
        { "hr", "/api/v1/attachments" },
        { "hr", "/api/v1/people/import" },
        { "specialist", "/api/v1/customers/import" },
        { "specialist", "/api/v1/units/import" },
        { "head", "/api/v1/calendars/{calendar}/years/import" },
    };

    private async Task<Uri> PathAsync(string path) =>
        new(path.Replace("{calendar}", (await app.WithDbAsync(db => db.Calendars.Select(c => c.Id).FirstAsync())).ToString(System.Globalization.CultureInfo.InvariantCulture),
            StringComparison.Ordinal), UriKind.Relative);

    private static HttpContent RawMultipart(string boundary, string body)
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
        return content;
    }

    [Theory]
    [MemberData(nameof(Uploads))]
    public async Task A_cut_off_multipart_body_is_a_400_naming_the_file(string user, string path)
    {
        using var client = app.ClientFor(user);
        var response = await client.PostAsync(await PathAsync(path),
            RawMultipart("abc", "--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xlsx\"\r\n\r\nPK"));
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Contains("file", await response.FieldErrorsAsync());
    }

    [Theory]
    [MemberData(nameof(Uploads))]
    public async Task A_multipart_body_whose_boundary_does_not_match_is_a_400_naming_the_file(string user, string path)
    {
        using var client = app.ClientFor(user);
        var response = await client.PostAsync(await PathAsync(path),
            RawMultipart("xyz", "--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xlsx\"\r\n\r\nPK\r\n--abc--\r\n"));
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Contains("file", await response.FieldErrorsAsync());
    }

    [Theory]
    [MemberData(nameof(Uploads))]
    public async Task An_upload_over_the_limit_is_a_413(string user, string path)
    {
        using var client = app.ClientFor(user);
        var big = new ByteArrayContent(new byte[11 * 1024 * 1024]);
        big.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Person"), "ownerType" },
            { new StringContent("1"), "ownerId" },
            { big, "file", "big.xlsx" },
        };
        var response = await client.PostAsync(await PathAsync(path), form);
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private Task<int> PersonIdAsync(string number) => app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == number).Select(p => p.Id).SingleAsync());

    private async Task<HttpResponseMessage> AttachAsync(byte[] bytes, string fileName)
    {
        using var hr = app.ClientFor("hr");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Person"), "ownerType" },
            { new StringContent((await PersonIdAsync("E0012")).ToString(System.Globalization.CultureInfo.InvariantCulture)), "ownerId" },
            { file, "file", fileName },
        };
        return await hr.PostAsync(new Uri("/api/v1/attachments", UriKind.Relative), form);
    }

    public static TheoryData<string, string> Disguised => new()
    {
        { "FFD8FFE0" + Convert.ToHexString("<html><script>alert(1)</script></html>"u8), "photo.jpg" },
        { Convert.ToHexString("%PDF-1.7\n<script>alert(document.cookie)</script>\n"u8), "report.pdf" },
        { "504B0304" + new string('0', 2000), "sheet.xlsx" },
        { "89504E470D0A1A0A0000000D49484452" + Convert.ToHexString("not really a picture"u8), "photo.png" },
    };

    [Theory]
    [MemberData(nameof(Disguised))]
    public async Task A_file_whose_body_is_not_what_its_first_bytes_claim_is_refused(string hex, string fileName)
    {
        var before = await app.WithDbAsync(db => db.Attachments.CountAsync());
        var response = await AttachAsync(Convert.FromHexString(hex), fileName);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{fileName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Contains("file", await response.FieldErrorsAsync());
        Assert.Equal(before, await app.WithDbAsync(db => db.Attachments.CountAsync()));
    }

    [Fact]
    public async Task A_real_workbook_is_accepted_and_served_as_a_download()
    {
        using var workbook = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(workbook, new[] { new Dictionary<string, object?> { ["A"] = "x" } });
        var response = await AttachAsync(workbook.ToArray(), "sheet.xlsx");
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A minimal well-formed PDF: header, one object, cross-reference table, trailer and end marker.</summary>
    internal static byte[] MinimalPdf()
    {
        var body = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n";
        var xref = body.Length;
        return Encoding.ASCII.GetBytes(body + "xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n" +
            $"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
    }

    [Fact]
    public async Task A_pdf_is_served_only_as_an_attachment_never_inline()
    {
        var response = await AttachAsync(MinimalPdf(), "report.pdf");
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await response.ReadJsonAsync()).GetProperty("id").GetString()!;
        using var hr = app.ClientFor("hr");
        var download = await hr.GetAsync(new Uri($"/api/v1/attachments/{id}", UriKind.Relative));
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task A_photo_is_decoded_and_stored_re_encoded_without_what_was_appended_to_it()
    {
        using var bitmap = new SkiaSharp.SKBitmap(40, 30);
        bitmap.Erase(SkiaSharp.SKColors.SteelBlue);
        using var jpeg = SkiaSharp.SKImage.FromBitmap(bitmap).Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 80);
        var photo = jpeg.ToArray().Concat("<script>alert(1)</script>"u8.ToArray()).ToArray();

        var response = await AttachAsync(photo, "photo.jpg");
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await response.ReadJsonAsync()).GetProperty("id").GetString()!;
        using var hr = app.ClientFor("hr");
        var stored = await hr.GetByteArrayAsync(new Uri($"/api/v1/attachments/{id}", UriKind.Relative));
        Assert.DoesNotContain("<script", Encoding.Latin1.GetString(stored), StringComparison.Ordinal);
        using var decoded = SkiaSharp.SKBitmap.Decode(stored);
        Assert.Equal((40, 30), (decoded.Width, decoded.Height));
    }

    [Fact]
    public async Task A_truncated_photo_is_refused()
    {
        using var bitmap = new SkiaSharp.SKBitmap(64, 64);
        bitmap.Erase(SkiaSharp.SKColors.OrangeRed);
        using var png = SkiaSharp.SKImage.FromBitmap(bitmap).Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        var bytes = png.ToArray();
        var response = await AttachAsync(bytes[..(bytes.Length / 2)], "half.png");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("file", await response.FieldErrorsAsync());
    }
}
