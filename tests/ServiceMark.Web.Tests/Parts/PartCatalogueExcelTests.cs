using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Parts;

namespace ServiceMark.Web.Tests.Parts;

/// <summary>The catalogue in Excel (issue 13 point 1): exported and imported in the same layout, all or nothing, wrong rows named.</summary>
[Trait("Rule", "R-PRT-1")]
public sealed class PartCatalogueExcelTests(TestApp app) : IClassFixture<TestApp>
{
    private static List<Dictionary<string, object?>> Rows(byte[] workbook)
    {
        using var stream = new MemoryStream(workbook);
        return stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().Select(r => new Dictionary<string, object?>(r)).ToList();
    }

    private static byte[] Workbook(IEnumerable<Dictionary<string, object?>> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, byte[] workbook)
    {
        var file = new ByteArrayContent(workbook);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var form = new MultipartFormDataContent { { file, "file", "parts.xlsx" } };
        return await client.PostAsync(new Uri("/api/v1/parts/import", UriKind.Relative), form);
    }

    [Fact]
    public async Task The_export_imports_back_a_changed_price_is_added_from_its_date_and_a_new_code_adds_a_part()
    {
        using var keeper = app.ClientFor("warehouse");
        var exported = Rows(await keeper.GetByteArrayAsync(new Uri("/api/v1/parts/export", UriKind.Relative)));
        Assert.Equal(PartCatalogueExcel.Columns, exported[0].Keys);
        var pump = exported.Single(r => (string?)r["备件编码"] == "CM-2001");
        Assert.Equal("车门气泵", pump["备件名称"]);
        Assert.Equal("SUP-CM", pump["供应商编码"]);
        Assert.Equal("是", pump["旧件需回收"]);

        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        pump["单价"] = 399m;
        pump["价格生效日期"] = today.ToString("yyyy-MM-dd");
        var added = new Dictionary<string, object?>(pump) { ["备件编码"] = "CM-2099", ["备件名称"] = "车门应急阀", ["单价"] = 75m, ["适用车型"] = "ZK6816" };
        var response = await ImportAsync(keeper, Workbook([.. exported, added]));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(exported.Count + 1, (await response.ReadJsonAsync()).GetProperty("imported").GetInt32());

        var parts = await keeper.GetFromJsonAsync<Features.Organisation.PageOf<SparePartSummary>>("/api/v1/parts?search=CM-20&pageSize=50", Json.Options);
        var view = await keeper.GetFromJsonAsync<SparePartView>($"/api/v1/parts/{parts!.Items.Single(p => p.Code == "CM-2001").Id}", Json.Options);
        Assert.Equal(399m, view!.UnitPrice);
        Assert.Equal([399m, 380.5m], view.Prices.Select(p => p.UnitPrice));
        Assert.Contains(parts.Items, p => p.Code == "CM-2099" && p.UnitPrice == 75m);
    }

    [Fact]
    public async Task A_wrong_row_imports_nothing_and_is_named_with_its_column()
    {
        using var keeper = app.ClientFor("warehouse");
        var template = Rows(await keeper.GetByteArrayAsync(new Uri("/api/v1/parts/import-template", UriKind.Relative)));
        var good = new Dictionary<string, object?>(template[0]) { ["备件编码"] = "NEW-0001" };
        var bad = new Dictionary<string, object?>(template[0]) { ["备件编码"] = "NEW-0002", ["供应商编码"] = "NOPE", ["单价"] = -1m, ["适用车型"] = "ZK0000", ["旧件需回收"] = "也许", ["单位"] = "" };
        var twice = new Dictionary<string, object?>(template[0]) { ["备件编码"] = "NEW-0001" };
        var response = await ImportAsync(keeper, Workbook([good, bad, twice]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var rows = (await response.ReadJsonAsync()).GetProperty("rows").EnumerateArray()
            .Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("column").GetString())).ToList();
        Assert.Equal([(3, "供应商编码"), (3, "单价"), (3, "单位"), (3, "旧件需回收"), (3, "适用车型"), (4, "备件编码")], rows.Order());
        Assert.False(await app.WithDbAsync(db => db.SpareParts.AnyAsync(p => p.Code.StartsWith("NEW-"))));

        using var supervisor = app.ClientFor("supervisor");
        Assert.Equal(HttpStatusCode.Forbidden, (await ImportAsync(supervisor, Workbook([good]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync(new Uri("/api/v1/parts/export", UriKind.Relative))).StatusCode);
    }
}
