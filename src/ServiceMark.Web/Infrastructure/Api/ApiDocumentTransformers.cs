using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ServiceMark.Web.Infrastructure.Api;

/// <summary>
/// What a client generator needs from /openapi/v1.json beyond what the endpoints declare (issue 12 point 11): the bearer
/// scheme and, on every operation that is not anonymous, the requirement to send it (a generated client otherwise sends no
/// token); a summary on every operation (its endpoint name in words where the endpoint gives none); and the error answers
/// every operation can give as RFC 9457 problem details — 400 for bad input, 401/403 when secured, 404 on a path with an
/// id, 409 on a write (a stale version, a conflict of state or a duplicate).
/// </summary>
internal static partial class ApiDocumentTransformers
{
    public const string BearerScheme = "Bearer";
    public const string ProblemSchema = "ProblemDetails";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            // The server is the address the document was fetched from; without the path base's trailing slash, so that a
            // client joining it with "/api/v1/…" does not send "//api/v1/…".
            foreach (var server in document.Servers ?? [])
            {
                if (server.Url is { Length: > 1 } url && url.EndsWith('/'))
                {
                    server.Url = url.TrimEnd('/');
                }
            }

            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The access token from POST /api/v1/auth/token, sent as `Authorization: Bearer <token>`.",
            };
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[ProblemSchema] = Problem();
            var used = document.Paths.Values.SelectMany(p => p.Operations is { } ops ? ops.Values : Enumerable.Empty<OpenApiOperation>())
                .SelectMany(o => o.Tags is { } tags ? tags.Select(t => t.Name) : Enumerable.Empty<string?>())
                .OfType<string>().ToHashSet(StringComparer.Ordinal);
            document.Tags = used.Order(StringComparer.Ordinal)
                .Select(name => new OpenApiTag { Name = name, Description = TagDescriptions.GetValueOrDefault(name) })
                .ToHashSet();
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (string.IsNullOrWhiteSpace(operation.Summary) && metadata.OfType<IEndpointNameMetadata>().LastOrDefault() is { } name)
            {
                operation.Summary = Words(name.EndpointName);
            }

            var secured = !metadata.OfType<IAllowAnonymous>().Any();
            // An anonymous operation says so with an empty requirement ({}), so that no linter or generator assumes a default.
            operation.Security = secured
                ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }]
                : [new OpenApiSecurityRequirement()];

            var method = context.Description.HttpMethod ?? "GET";
            var path = context.Description.RelativePath ?? "";
            operation.Responses ??= new OpenApiResponses();
            Add(operation, context, "400", "The request is malformed or a field is wrong: `errors` names each field.");
            if (secured)
            {
                Add(operation, context, "401", "No valid access token (or session) was sent.");
                Add(operation, context, "403", "The caller's role may not do this, or it is about the caller themselves.");
            }

            if (path.Contains('{', StringComparison.Ordinal))
            {
                Add(operation, context, "404", "No such record, or not one the caller may see.");
            }

            if (!HttpMethods.IsGet(method))
            {
                Add(operation, context, "409", "Someone changed the record first (stale version), the record's state does not allow this, or a unique value is taken.");
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>What each group of operations is for; a test fails when a tag has none.</summary>
    internal static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Sign-in"] = "Access tokens for API clients, sign-out everywhere, one's own password and who one is.",
        ["People"] = "The staff (人员): create, change, deactivate, import from Excel, skills and accounts.",
        ["Organisation"] = "Departments, teams and service stations (部门、班组与服务站) and positions with their roles.",
        ["Customers"] = "Customers (客户), their sites and contacts, import from Excel.",
        ["Products"] = "Product models and the units customers own (serial numbers, warranty start).",
        ["Contact log"] = "Calls and letters (来电来函) as received, their handling and the ticket each became.",
        ["Tickets"] = "Service tickets (工单) from report to dispatch, on-site work, the service report, approval and closing.",
        ["Service levels"] = "Service-level policies (服务时效) and their targets on the business calendar.",
        ["Calendars"] = "The Chinese business calendar: holidays and make-up working days (调休), import and the working-time calculator.",
        ["Complaints"] = "Customer complaints (客诉): receipt, investigation, the validity decision, resolution and closing.",
        ["Follow-up"] = "The satisfaction follow-up (回访): due list, phone surveys, one-time survey links and their settings.",
        ["Public survey"] = "The customer's survey by one-time link: no account, rate-limited.",
        ["Notifications"] = "A person's notifications (SLA warnings, escalations, assessment deadlines) and marking them read.",
        ["Service facts"] = "The figures the assessment scores from (timeliness, satisfaction, complaints …) with their evidence tickets.",
        ["Assessment plans"] = "KPI plans (考核方案): categories, weighted indicators and scoring rules, versions and import.",
        ["Assessment periods"] = "Assessment periods and their workflow from opening to publication.",
        ["Assessment sheets"] = "One person's assessment sheet (考核表): goals, self-review, superior's review, adjustment, appeal.",
        ["Assessment results"] = "Period results: grades, bonuses, cards and the what-if calculation.",
        ["Technical grading"] = "Technical grades (技术等级): schemes, applications, panels, certificates, demotions and the pay table.",
        ["Department policy"] = "The department's numbers (考核与服务参数): bonus shares, grade ratios and cut-offs, targets and deadlines.",
        ["Parts"] = "The parts catalogue (备件目录): suppliers with their claim terms, parts with dated prices and the models they fit.",
        ["Stock"] = "Stock locations and the one append-only ledger (台账): movements, stock on hand, limits and the book check (帐物一致).",
        ["Contracts"] = "Maintenance contracts (维保合同): terms, billing schedule and the planned visits they open as tickets; invoices, payments received, receivables by age and the collection rate (账款回收率).",
        ["Returns"] = "Returns and factory repair (退换货、返厂维修): received, inspected, repaired or replaced, quality-tested by someone other than whoever did the work, sent back or refunded; their first tests, promised days and turnaround are service facts.",
        ["Installations"] = "Installation and commissioning plans (安装调试计划): customer, units, planned days and crew; released as a dispatched 安装调试 ticket whose signed service report is the commissioning report; the plans finished on time are a service fact.",
        ["Budgets"] = "The department's annual budget by cost category and month (年度费用预算), its revisions, and actual against budget with the deviation rate (费用预算执行偏差率).",
        ["Expenses"] = "Travel advances (借款) and expense claims (报销) with the allowance table (出差补助标准): request, decide, pay, settle.",
        ["Attachments"] = "Files kept with a record (photos, signatures, documents), checked by content.",
        ["Audit"] = "The audit log: who changed what, when and why.",
    };

    private static void Add(OpenApiOperation operation, OpenApiOperationTransformerContext context, string status, string description)
    {
        if (operation.Responses!.ContainsKey(status))
        {
            return;
        }

        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) },
            },
        };
    }

    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details. Field errors carry `errors` (field → messages) and `errorCodes` (field → codes).",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["code"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["field"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
            ["errorCodes"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
    };

    /// <summary>"UploadAttachment" → "Upload attachment".</summary>
    internal static string Words(string name)
    {
        var words = CapitalWord().Split(name).Where(w => w.Length > 0).ToList();
        return string.Join(' ', words.Select((w, i) => i == 0 ? w : (w.Length > 1 && char.IsUpper(w[1]) ? w : w.ToLowerInvariant())));
    }

    [GeneratedRegex("(?=[A-Z][a-z])|(?<=[a-z])(?=[A-Z])")]
    private static partial Regex CapitalWord();
}
