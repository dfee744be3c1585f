using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Customers;

namespace ServiceMark.Web.Tests.Customers;

[Trait("Rule", "R-TKT-2")]
public sealed class CustomerEndpointTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task A_specialist_registers_a_customer_with_a_contact_and_a_site()
    {
        using var specialist = app.ClientFor("specialist");
        var created = await specialist.PostAsJsonAsync("/api/v1/customers", new { code = "C9001", name = "安阳公交<b>集团</b>", region = "河南" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var customer = await created.ReadAsync<CustomerView>();
        Assert.Equal("安阳公交<b>集团</b>", customer.Name); // stored as typed; pages escape it

        var station = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Code == "S-ZZ").Select(u => u.Id).SingleAsync());
        await specialist.PostAsJsonAsync($"/api/v1/customers/{customer.Id}/contacts", new { name = "冯队长", phone = "13900000000" });
        var withSite = await (await specialist.PostAsJsonAsync($"/api/v1/customers/{customer.Id}/sites",
            new { name = "北关车场", address = "安阳市北关区", distanceKm = 180.5m, nearestStationId = station })).ReadAsync<CustomerView>();
        Assert.Equal("冯队长", Assert.Single(withSite.Contacts).Name);
        var site = Assert.Single(withSite.Sites);
        Assert.Equal(180.5m, site.DistanceKm);
        Assert.Equal("郑州服务站", site.NearestStationName);
    }

    [Fact]
    public async Task Bad_customer_input_names_the_fields()
    {
        using var specialist = app.ClientFor("specialist");
        var response = await specialist.PostAsJsonAsync("/api/v1/customers", new { code = "C1001", name = "" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["code", "name"], (await response.FieldErrorsAsync()).Order());

        var site = await specialist.PostAsJsonAsync("/api/v1/customers/1/sites", new { name = "x", address = "y", distanceKm = -3 });
        Assert.Contains("distanceKm", await site.FieldErrorsAsync());
    }

    [Fact]
    public async Task Engineers_may_not_edit_customers_and_stale_edits_conflict()
    {
        using var engineer = app.ClientFor("engineer");
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync("/api/v1/customers", new { code = "C9002", name = "x" })).StatusCode);

        using var supervisor = app.ClientFor("supervisor");
        var customer = await (await supervisor.PostAsJsonAsync("/api/v1/customers", new { code = "C9003", name = "甲" })).ReadAsync<CustomerView>();
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PutAsJsonAsync($"/api/v1/customers/{customer.Id}", new { code = "C9003", name = "乙", version = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PutAsJsonAsync($"/api/v1/customers/{customer.Id}", new { code = "C9003", name = "丙", version = 0 })).StatusCode);
    }

    [Fact]
    public async Task A_unit_is_found_by_serial_number_with_its_warranty_terms()
    {
        using var specialist = app.ClientFor("specialist");
        var unit = await (await specialist.GetAsync(new Uri("/api/v1/units/lzytbghk0r1000301", UriKind.Relative))).ReadAsync<UnitView>();
        Assert.Equal("开封旅游客运公司", unit.CustomerName);
        Assert.Equal(36, unit.WarrantyMonths);
        Assert.Equal(new DateOnly(2024, 7, 22), unit.SaleDate);
        Assert.Equal(HttpStatusCode.NotFound, (await specialist.GetAsync(new Uri("/api/v1/units/UNKNOWN", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_unit_sold_in_the_future_or_twice_is_refused()
    {
        using var specialist = app.ClientFor("specialist");
        var models = await specialist.GetFromJsonAsync<ProductModelView[]>("/api/v1/product-models", Json.Options);
        var future = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(30);
        var response = await specialist.PostAsJsonAsync("/api/v1/units", new { serialNumber = "LZYTBGCK0R1000101", productModelId = models![0].Id, customerId = 1, saleDate = future });
        Assert.Equal(["saleDate", "serialNumber"], (await response.FieldErrorsAsync()).Order());
    }

    [Fact]
    [Trait("Rule", "R-RPT-3")]
    public async Task Units_import_reports_each_bad_row_and_imports_nothing()
    {
        using var stream = new MemoryStream();
        stream.SaveAs(new[]
        {
            new Dictionary<string, object?> { ["序列号"] = "NEW-0001", ["型号编码"] = "ZK6126", ["客户编码"] = "C1001", ["销售日期"] = "2026-01-02" },
            new Dictionary<string, object?> { ["序列号"] = "NEW-0002", ["型号编码"] = "NOPE", ["客户编码"] = "C1001", ["销售日期"] = "2026-01-02" },
            new Dictionary<string, object?> { ["序列号"] = "NEW-0001", ["型号编码"] = "ZK6126", ["客户编码"] = "C0000", ["销售日期"] = "昨天" },
        }, excelType: ExcelType.XLSX);
        using var specialist = app.ClientFor("specialist");
        var file = new ByteArrayContent(stream.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var form = new MultipartFormDataContent { { file, "file", "units.xlsx" } };
        var response = await specialist.PostAsync(new Uri("/api/v1/units/import", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var rows = (await response.ReadJsonAsync()).GetProperty("rows").EnumerateArray()
            .Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("column").GetString())).ToList();
        Assert.Contains((3, "型号编码"), rows);
        Assert.Contains((4, "序列号"), rows);
        Assert.Contains((4, "客户编码"), rows);
        Assert.Contains((4, "销售日期"), rows);
        Assert.False(await app.WithDbAsync(db => db.ProductUnits.AnyAsync(u => u.SerialNumber.StartsWith("NEW-"))));
    }
}
