using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Tests.Infrastructure;

namespace ServiceMark.Web.Tests.Security;

/// <summary>
/// Races: every create of /openapi/v1.json sent N times at once with the same valid body. One may win, the others are
/// refused (409/400); none is a 5xx. The body is the schema's sample with the fields that need real values set by hand.
/// A POST of the document that is neither an action nor listed here fails the test, so new creates join the sweep.
/// </summary>
public sealed class DuplicateCreateSweepTests(TestApp app) : IClassFixture<TestApp>
{
    private const int Parallel = 8;

    /// <summary>POSTs that act on a record rather than create one (their last path segment).</summary>
    private static readonly HashSet<string> Actions =
    [
        "password", "token", "logout", "reset-password", "deactivate", "reactivate", "done", "read", "sign", "assign", "start-investigation", "resolve",
        "reject-resolution", "confirm", "close", "decide-validity", "publish", "actions", "score", "team-pool", "what-if", "inputs", "goal-plan",
        "approve", "self-review", "superior-review", "gm-review", "interview", "appeal", "decision", "panel", "examination", "certificate", "read-all",
        "release", "cancel",
    ];

    /// <summary>Creates the sweep leaves out, each with the reason.</summary>
    private static readonly Dictionary<string, string> Skipped = new()
    {
        ["POST /api/v1/people/import"] = "multipart workbook upload: its rows go through the same unique employee number as POST /people",
        ["POST /api/v1/customers/import"] = "multipart workbook upload: its rows go through the same unique code as POST /customers",
        ["POST /api/v1/units/import"] = "multipart workbook upload: its rows go through the same unique serial number as POST /units",
        ["POST /api/v1/calendars/{id}/years/import"] = "multipart workbook upload: the same year replace as POST /calendars/{id}/years",
        ["POST /api/v1/attachments"] = "multipart upload: no unique key, each upload is its own row",
        ["POST /api/v1/parts/import"] = "multipart workbook upload: its rows go through the same unique part code as POST /parts",
        ["POST /api/v1/tickets/import/excel"] = "multipart workbook upload: its tickets go through the same import and unique number as POST /tickets/import",
        ["POST /api/v1/assessment/plans"] = "a valid plan document (indicators, weights, scoring rules) is not built from the schema; PlanEndpointTests cover it",
        ["POST /api/v1/grading/applications"] = "a valid application needs an applicant who is eligible on the day (months at level, trainings); ApplicationEndpointTests cover it",
        ["POST /api/v1/tickets/{id}/report/amendments"] = "needs a ticket whose signed report is still open to amendment; TicketFlowTests cover it",
        ["POST /api/v1/claims"] = "needs an inspected old part; ClaimTests raise the same part's claim eight times at once (one 201, the rest 409)",
        ["POST /api/v1/maintenance-contracts/{id}/payments"] = "needs a contract in force; ContractTests send eight payments at once on one version (one 200, the rest 409)",
        ["POST /api/v1/tickets/{id}/paid-service"] = "needs a ticket the caller works on; each request is its own row (no unique key), decided one by one (PaidServiceTests)",
        ["POST /api/v1/tickets/{id}/cash-hand-overs"] = "needs an assigned engineer and an approved paid service; the sum handed over is checked against the approval (PaidServiceTests)",
        ["POST /api/v1/stock-takes"] = "opening a count freezes its location for every other test of the sweep; StockTakeTests start the same count eight times at once (one 201, the rest 409)",
    };

    [Fact]
    public async Task The_same_create_sent_eight_times_at_once_never_gets_a_5xx()
    {
        var watch = Stopwatch.StartNew();
        var document = await ApiDocument.LoadAsync(app);
        var creates = document.Operations
            .Where(o => o.Method == "POST" && (!o.Path.EndsWith('}') || o.Path.StartsWith("/api/v1/public/surveys/", StringComparison.Ordinal)) && !Actions.Contains(o.Path.Split('/')[^1]))
            .ToList();
        var bodies = await BodiesAsync();
        var unclassified = creates.Select(c => c.Key).Where(k => !bodies.ContainsKey(k) && !Skipped.ContainsKey(k)).ToList();
        Assert.True(unclassified.Count == 0, "Creates with neither a body nor a reason to skip: " + string.Join(", ", unclassified));

        var failures = new List<string>();
        var requests = 0;
        foreach (var create in creates.Where(c => bodies.ContainsKey(c.Key)))
        {
            var (user, path, overrides) = bodies[create.Key];
            var body = create.BodySchema is { } schema ? document.Sample(schema)!.AsObject() : null;
            foreach (var (name, value) in overrides ?? new JsonObject())
            {
                body![name] = value?.DeepClone();
            }

            var text = body?.ToJsonString() ?? "";
            using var client = app.ClientFor(user);
            var responses = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(async _ =>
            {
                using var content = new StringContent(text, Encoding.UTF8, "application/json");
                using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content, TestContext.Current.CancellationToken);
                return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            }));
            requests += Parallel;
            var statuses = string.Join(",", responses.Select(r => r.Item1).Order());
            if (responses.Any(r => r.Item1 >= 500))
            {
                var line = $"{create.Key} as {user ?? "anonymous"}: {statuses}; {responses.First(r => r.Item1 >= 500).Item2[..Math.Min(400, responses.First(r => r.Item1 >= 500).Item2.Length)]}\n    body: {text[..Math.Min(400, text.Length)]}";
                failures.Add(line);
            }
            else if (!responses.Any(r => r.Item1 is >= 200 and < 300))
            {
                // Without one success the body was not valid and the race was never run.
                failures.Add($"{create.Key} as {user ?? "anonymous"}: no create succeeded ({statuses}): {responses[0].Item2[..Math.Min(400, responses[0].Item2.Length)]}\n    body: {text[..Math.Min(400, text.Length)]}");
            }
        }

        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"{creates.Count} creates ({bodies.Count} raced, {Skipped.Count} skipped), {requests} requests, {watch.Elapsed.TotalSeconds:F0} s; {failures.Count} failures.");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Who sends each create, to which path, and the fields the schema's sample cannot guess.</summary>
    private async Task<Dictionary<string, (string? User, string Path, JsonObject? Overrides)>> BodiesAsync()
    {
        var driver = new TicketDriver(app);
        int Person(string number) => driver.PersonIdAsync(number).GetAwaiter().GetResult();
        var (position, unit) = await app.WithDbAsync(async db => (await db.Positions.Select(p => p.Id).FirstAsync(), await db.OrgUnits.Select(u => u.Id).FirstAsync()));
        var model = await app.WithDbAsync(db => db.ProductModels.Select(m => m.Id).FirstAsync());
        var calendar = await app.WithDbAsync(db => db.Calendars.Select(c => c.Id).FirstAsync());

        // A person without an account, for the account create; two closed tickets for the survey answers and one for a link.
        using var hr = app.ClientFor("hr");
        var newcomer = await (await hr.PostAsJsonAsync("/api/v1/people", new
        {
            employeeNumber = "R0001", name = "竞赛", positionId = position, orgUnitId = unit, status = "Regular", hireDate = "2025-01-06",
        })).ReadJsonAsync();
        var answered = await Surveys.SurveyTestSupport.ClosedTicketAsync(app);
        var (_, token) = await Surveys.SurveyTestSupport.IssueLinkAsync(app, answered.Id);
        var phoned = await Surveys.SurveyTestSupport.ClosedTicketAsync(app);
        var linked = await Surveys.SurveyTestSupport.ClosedTicketAsync(app);
        var stock = await Parts.StockLedgerTests.SetUpAsync(app, 0m);
        var answers = new JsonObject { ["repairQuality"] = 8, ["satisfaction"] = 7, ["overall"] = 2, ["problemSolved"] = true, ["comment"] = "满意" };
        var payRows = new JsonArray(new[] { "Trainee", "Junior", "Intermediate", "Senior", "Expert" }
            .Select(level => (JsonNode)new JsonObject { ["levelCode"] = level, ["basePay"] = 3000, ["positionPay"] = 1000, ["gradeAllowance"] = 500 }).ToArray());

        return new()
        {
            ["POST /api/v1/people"] = ("hr", "/api/v1/people", new JsonObject
            {
                ["employeeNumber"] = "R0002", ["name"] = "并发", ["email"] = null, ["phone"] = null, ["positionId"] = position, ["orgUnitId"] = unit, ["superiorId"] = null,
                ["status"] = "Regular", ["hireDate"] = "2025-01-06", ["probationEndDate"] = null,
            }),
            ["POST /api/v1/people/{id}/account"] = ("hr", $"/api/v1/people/{newcomer.GetProperty("id").GetInt32()}/account", new JsonObject { ["userName"] = "race-user" }),
            ["POST /api/v1/org-units"] = ("hr", "/api/v1/org-units", new JsonObject { ["kind"] = "Team", ["code"] = "RACE", ["name"] = "并发组", ["parentId"] = unit, ["address"] = null }),
            ["POST /api/v1/positions"] = ("hr", "/api/v1/positions", new JsonObject { ["code"] = "RACE", ["name"] = "并发岗", ["role"] = "engineer", ["isManagerial"] = false }),
            ["POST /api/v1/customers"] = ("specialist", "/api/v1/customers", new JsonObject { ["code"] = "RACE1", ["name"] = "并发客户", ["region"] = null, ["notes"] = null, ["version"] = 0 }),
            ["POST /api/v1/customers/{id}/contacts"] = ("specialist", "/api/v1/customers/1/contacts", new JsonObject { ["name"] = "并发联系人", ["phone"] = "13900000000", ["title"] = null }),
            ["POST /api/v1/customers/{id}/sites"] = ("specialist", "/api/v1/customers/1/sites", new JsonObject { ["name"] = "并发车场", ["address"] = "郑州", ["distanceKm"] = 12, ["nearestStationId"] = null }),
            ["POST /api/v1/product-models"] = ("specialist", "/api/v1/product-models", new JsonObject { ["code"] = "RACE-M", ["name"] = "并发车型", ["warrantyMileageKm"] = null, ["version"] = 0 }),
            ["POST /api/v1/units"] = ("specialist", "/api/v1/units", new JsonObject
            {
                ["serialNumber"] = "LRACE000000000001", ["productModelId"] = model, ["customerId"] = 1, ["saleDate"] = "2025-01-06", ["warrantyMonths"] = null, ["warrantyMileageKm"] = null,
            }),
            ["POST /api/v1/contact-log"] = ("specialist", "/api/v1/contact-log", new JsonObject
            {
                ["receivedAt"] = null, ["channel"] = "Phone", ["callerName"] = "并发", ["callerPhone"] = null, ["customerId"] = 1, ["subject"] = "并发", ["content"] = "同一来电",
            }),
            ["POST /api/v1/service-levels"] = ("admin", "/api/v1/service-levels", new JsonObject
            {
                ["name"] = "并发目标", ["description"] = null, ["faultCategory"] = null, ["minDistanceKm"] = null, ["maxDistanceKm"] = null, ["urgency"] = null,
                ["firstResponseHours"] = 2, ["arrivalHours"] = 24, ["resolutionHours"] = 48, ["writtenContactHours"] = null, ["priority"] = 5,
            }),
            // Eight drafts of one contract number: one 201, the rest 409.
            ["POST /api/v1/installations"] = ("specialist", "/api/v1/installations", new JsonObject
            {
                ["customerId"] = 1, ["unitIds"] = new JsonArray(await app.WithDbAsync(db => db.ProductUnits.Where(u => u.CustomerId == 1).Select(u => u.Id).FirstAsync())),
                ["plannedStart"] = "2027-01-04", ["plannedFinish"] = "2027-01-06", ["responsiblePersonId"] = Person("E0011"), ["engineerIds"] = new JsonArray(), ["note"] = null,
                ["version"] = 0,
            }),
            ["POST /api/v1/returns"] = ("specialist", "/api/v1/returns", new JsonObject
            {
                ["customerId"] = 1, ["ticketId"] = null, ["productUnitId"] = null, ["item"] = "并发返修品", ["serialNumber"] = null, ["fault"] = "不开机",
                ["receivedOn"] = null, ["responsiblePersonId"] = Person("E0011"), ["dueOn"] = null,
            }),
            ["POST /api/v1/maintenance-contracts"] = ("specialist", "/api/v1/maintenance-contracts", new JsonObject
            {
                ["number"] = "WB-RACE-001", ["customerId"] = 1, ["responsiblePersonId"] = await app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == "E0011").Select(p => p.Id).SingleAsync()),
                ["signedOn"] = "2026-12-01", ["startsOn"] = "2027-01-01", ["endsOn"] = "2027-12-31", ["amount"] = 1000, ["visitIntervalMonths"] = 3, ["visitLeadDays"] = 3,
                ["unitIds"] = new JsonArray(), ["instalments"] = new JsonArray(new JsonObject { ["dueOn"] = "2027-01-15", ["amount"] = 1000 }), ["note"] = null, ["version"] = 0,
            }),
            ["POST /api/v1/tickets"] = ("specialist", "/api/v1/tickets", new JsonObject
            {
                ["customerId"] = 1, ["contactName"] = "赵建华", ["contactPhone"] = "13703710101", ["siteAddress"] = "郑州市金水区农业路18号", ["distanceKm"] = 12,
                ["serialNumber"] = "LZYTBGCK0R1000101", ["runningHours"] = null, ["mileageKm"] = 86000, ["faultCategory"] = "Body", ["faultDescription"] = "前门气泵漏气",
                ["urgency"] = "High", ["channel"] = "Phone",
            }),
            // The same historical ticket imported eight times at once: one import wins, the others are told its number is taken.
            ["POST /api/v1/tickets/import"] = ("admin", "/api/v1/tickets/import", new JsonObject
            {
                ["tickets"] = new JsonArray(new JsonObject
                {
                    ["number"] = "SWEEP-IMPORT-1", ["customerCode"] = "C1001", ["contactName"] = "赵建华", ["contactPhone"] = "13703710101",
                    ["siteAddress"] = "郑州市金水区农业路18号", ["distanceKm"] = 12, ["faultCategory"] = "Body", ["faultDescription"] = "前门气泵漏气",
                    ["reportedAt"] = "2026-03-02T09:00:00+08:00",
                    ["steps"] = new JsonArray(new JsonObject { ["action"] = "Dispatch", ["at"] = "2026-03-02T09:30:00+08:00", ["by"] = "E0005", ["engineers"] = new JsonArray("E0011") }),
                }),
            }),
            ["POST /api/v1/suppliers"] = ("warehouse", "/api/v1/suppliers", new JsonObject { ["code"] = "S-RACE", ["name"] = "并发厂家", ["contactPhone"] = null, ["claimWindowDays"] = 90 }),
            ["POST /api/v1/parts"] = ("warehouse", "/api/v1/parts", new JsonObject
            {
                ["code"] = "P-RACE", ["name"] = "并发备件", ["unit"] = "件", ["supplierId"] = null, ["unitPrice"] = 12.5, ["priceFrom"] = null, ["productModelIds"] = new JsonArray(),
            }),
            ["POST /api/v1/stock/locations"] = ("warehouse", "/api/v1/stock/locations", new JsonObject
            {
                ["code"] = "W-RACE", ["name"] = "并发库", ["kind"] = "CentralWarehouse", ["orgUnitId"] = null, ["personId"] = null,
            }),

            // The same receipt eight times: each is a movement of its own, all of them booked, the book still equal to the stock.
            ["POST /api/v1/stock/movements"] = ("warehouse", "/api/v1/stock/movements", new JsonObject
            {
                ["lines"] = new JsonArray(new JsonObject
                {
                    ["kind"] = "Receipt", ["partId"] = stock.PartId, ["fromLocationId"] = stock.SupplierLocationId, ["toLocationId"] = stock.WarehouseId, ["quantity"] = 1,
                    ["reason"] = null,
                }),
            }),
            // Eight requisitions of the same parts: each a request of its own, none of them moving stock until issued.
            ["POST /api/v1/requisitions"] = ("engineer", "/api/v1/requisitions", new JsonObject
            {
                ["fromLocationId"] = await app.WithDbAsync(db => db.StockLocations.Where(l => l.Code == "WH-CENTRAL").Select(l => l.Id).SingleAsync()), ["ticketId"] = null,
                ["purpose"] = "并发领料", ["lines"] = new JsonArray(new JsonObject { ["partId"] = stock.PartId, ["quantity"] = 1 }),
            }),
            // Eight advances or claims sent at once: each a document of its own (no unique key), none a 5xx.
            ["POST /api/v1/advances"] = ("engineer", "/api/v1/advances", new JsonObject { ["purpose"] = "并发借款", ["ticketIds"] = new JsonArray(), ["amount"] = 100 }),
            ["POST /api/v1/expense-claims"] = ("engineer", "/api/v1/expense-claims", new JsonObject
            {
                ["lines"] = new JsonArray(new JsonObject
                {
                    ["category"] = "Travel", ["date"] = "2026-12-01", ["amount"] = 12.5, ["description"] = "并发报销", ["receipts"] = 1, ["until"] = null, ["allowanceId"] = null,
                }),
                ["advanceIds"] = new JsonArray(), ["version"] = 0,
            }),
            ["POST /api/v1/allowances"] = ("hr", "/api/v1/allowances", new JsonObject { ["name"] = "并发补助", ["ratePerDay"] = 90, ["isActive"] = true, ["version"] = 0 }),
            ["POST /api/v1/complaints"] = ("specialist", "/api/v1/complaints", new JsonObject
            {
                ["source"] = "Phone", ["complainant"] = "并发", ["ticketId"] = null, ["engineerPersonId"] = null, ["category"] = "Service", ["severity"] = "Minor",
                ["description"] = "同一投诉", ["deadlineUtc"] = null,
            }),
            ["POST /api/v1/calendars/{id}/years"] = ("head", $"/api/v1/calendars/{calendar}/years", new JsonObject
            {
                ["source"] = "并发", ["year"] = 2031, ["timeZone"] = "Asia/Shanghai", ["holidays"] = new JsonArray(), ["makeUpWorkdays"] = new JsonArray(),
            }),
            ["POST /api/v1/assessment/periods"] = ("head", "/api/v1/assessment/periods", new JsonObject { ["length"] = "Month", ["year"] = 2026, ["number"] = 1 }),
            ["POST /api/v1/assessment/cards"] = ("hr", "/api/v1/assessment/cards", new JsonObject { ["personId"] = Person("E0012"), ["colour"] = "Yellow", ["reason"] = "同一张卡" }),
            ["POST /api/v1/grading/people/{personId}/qualifications"] = ("hr", $"/api/v1/grading/people/{Person("E0012")}/qualifications",
                new JsonObject { ["kind"] = "Training", ["name"] = "并发培训", ["obtainedOn"] = "2025-06-02" }),
            ["POST /api/v1/grading/people/{personId}/grades"] = ("hr", $"/api/v1/grading/people/{Person("E0021")}/grades",
                new JsonObject { ["schemeCode"] = "points", ["levelCode"] = "Trainee", ["effectiveFrom"] = "2026-01-05", ["reason"] = "并发" }),
            ["POST /api/v1/grading/pay-tables"] = ("hr", "/api/v1/grading/pay-tables", new JsonObject { ["schemeCode"] = "default", ["effectiveFrom"] = "2031-01-01", ["rows"] = payRows }),
            ["POST /api/v1/grading/demotions"] = ("hr", "/api/v1/grading/demotions", new JsonObject
            {
                ["personId"] = Person("E0012"), ["cause"] = "QualityAccident", ["evidence"] = "质量事故报告 QA-RACE", ["flagPeriod"] = null,
            }),
            ["POST /api/v1/public/surveys/{token}"] = (null, $"/api/v1/public/surveys/{token}", answers),
            ["POST /api/v1/tickets/{id}/phone-survey"] = ("specialist", $"/api/v1/tickets/{phoned.Id}/phone-survey", answers),
            ["POST /api/v1/tickets/{id}/survey-link"] = ("specialist", $"/api/v1/tickets/{linked.Id}/survey-link", null),
        };
    }
}
