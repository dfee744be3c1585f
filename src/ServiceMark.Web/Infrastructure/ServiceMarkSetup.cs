using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Scalar.AspNetCore;
using ServiceMark.Domain.Security;
using ServiceMark.Web.Components;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Account;
using ServiceMark.Web.Features.Accounts;
using ServiceMark.Web.Features.Attachments;
using ServiceMark.Web.Features.AuditLog;
using ServiceMark.Web.Features.Complaints;
using ServiceMark.Web.Features.Calendars;
using ServiceMark.Web.Features.ContactLog;
using ServiceMark.Web.Features.Customers;
using ServiceMark.Web.Features.Demo;
using ServiceMark.Web.Features.Expenses;
using ServiceMark.Web.Features.Budgets;
using ServiceMark.Web.Features.Notifications;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Features.Parts;
using ServiceMark.Web.Features.ServiceFacts;
using ServiceMark.Web.Features.Contracts;
using ServiceMark.Web.Features.Returns;
using ServiceMark.Web.Features.Installations;
using ServiceMark.Web.Features.ServiceLevels;
using ServiceMark.Web.Features.Surveys;
using ServiceMark.Web.Features.Tickets;
using ServiceMark.Web.Infrastructure.Auth;
using ServiceMark.Web.Infrastructure.Errors;
using ServiceMark.Web.Infrastructure.Http;
using ServiceMark.Web.Infrastructure.Jobs;
using ServiceMark.Web.Infrastructure.Localization;

namespace ServiceMark.Web.Infrastructure;

/// <summary>Composition of the app: services, then the request pipeline. Read top to bottom.</summary>
public static class ServiceMarkSetup
{
    private const string SchemeSelector = "ServiceMark";

    public static WebApplicationBuilder AddServiceMark(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        if (string.Equals(builder.Configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.ClearProviders().AddJsonConsole();
        }

        services.TryAddSingleton(TimeProvider.System);

        // First of the hosted services: migrations, seeding and the key ring are in place before any other one starts
        // (the data-protection key ring loader, registered by the framework below, reads its table at start).
        services.AddHostedService<StartupInitialiser>();
        services.AddSingleton<HtmlEncoder>(HtmlEncoder.Create(UnicodeRanges.All));
        services.AddOptions<ServiceMarkOptions>().Bind(builder.Configuration.GetSection("ServiceMark"));
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        // A closed tab's circuit (its whole component tree, ≈1 MB) is kept for reconnection: the count and the time
        // are set here on purpose, so that an operator sizing memory per instance reads them in one place.
        services.AddRazorComponents().AddInteractiveServerComponents(o =>
        {
            o.DisconnectedCircuitMaxRetained = builder.Configuration.GetValue("ServiceMark:Circuits:MaxRetained", 100);
            o.DisconnectedCircuitRetentionPeriod =
                TimeSpan.FromMinutes(builder.Configuration.GetValue("ServiceMark:Circuits:RetentionMinutes", 3.0));
        });
        services.AddMudServices();
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, CircuitSessionValidation>();
        services.AddHttpContextAccessor();

        services.AddServiceMarkDatabase(builder.Configuration);
        AddSharedKeyRing(services);
        AddSignIn(services);

        services.AddProblemDetails();
        services.AddExceptionHandler<UnexpectedErrorHandler>();

        // A route or query value that does not parse (?year=abc) throws in every environment, so that UnexpectedErrorHandler
        // answers 400 naming the parameter — not only in Development, where this is the default.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = 32 * 1024 * 1024);
        services.AddOpenApi(ServiceMark.Web.Infrastructure.Api.ApiDocumentTransformers.Configure);
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

        services.AddSingleton<CompanyClock>();
        services.AddScoped<PeopleHandlers>();
        services.AddScoped<PersonSkillHandlers>();
        services.AddScoped<PeopleImport>();
        services.AddScoped<UnitsAndPositionsHandlers>();
        services.AddScoped<AttachmentStore>();
        services.AddScoped<CustomerHandlers>();
        services.AddScoped<CustomerImports>();
        services.AddScoped<ContactLogHandlers>();
        services.AddScoped<ServiceLevelHandlers>();
        services.AddScoped<Features.DepartmentPolicies.DepartmentPolicyHandlers>();
        services.AddSingleton<TicketCalendar>();
        services.AddSingleton<TicketServiceLevels>();
        services.AddSingleton<TicketOutcomes>();
        services.AddScoped<TicketHandlers>();
        services.AddScoped<TicketListing>();
        services.AddScoped<TicketCreation>();
        services.AddScoped<TicketImport>();
        services.AddScoped<TicketImportWorkbook>();
        services.AddScoped<Features.Parts.PartCatalogue>();
        services.AddScoped<Features.Parts.StockLedger>();
        services.AddScoped<Features.Parts.StockQueries>();
        services.AddScoped<Features.Parts.PartCatalogueExcel>();
        services.AddScoped<Features.Parts.Requisitions>();
        services.AddScoped<Features.Parts.PartConsumption>();
        services.AddScoped<Features.Parts.OldParts>();
        services.AddScoped<Features.Parts.Workbench>();
        services.AddScoped<Features.Parts.Claims>();
        services.AddScoped<Features.Expenses.Allowances>();
        services.AddScoped<Features.Expenses.Advances>();
        services.AddScoped<Features.Expenses.ExpenseClaims>();
        services.AddScoped<Features.Expenses.ExpenseClaimsExcel>();
        services.AddScoped<Features.Expenses.TicketCosts>();
        services.AddScoped<Features.Expenses.StandardCosts>();
        services.AddScoped<Features.Expenses.PaidServices>();
        services.AddScoped<Features.Expenses.CostSummaries>();
        services.AddScoped<Features.Expenses.CostSummaryExcel>();
        services.AddScoped<Features.Budgets.Budgets>();
        services.AddScoped<Features.Budgets.BudgetExcel>();
        services.AddScoped<Features.Contracts.MaintenanceContracts>();
        services.AddScoped<Features.Contracts.ContractReceipts>();
        services.AddScoped<Features.Contracts.ReceivablesExcel>();
        services.AddScoped<Features.Contracts.MaintenanceRecords>();
        services.AddScoped<Features.Returns.ProductReturns>();
        services.AddScoped<Features.Installations.InstallationPlans>();
        services.AddScoped<Features.Parts.StockTakes>();
        services.AddSingleton<TicketReferenceData>();
        services.AddSingleton<TicketWriter>();
        // The fact catalogue: each feature that measures something adds its definitions (issue 11: facts in SQL).
        services.AddSingleton(new FactRegistry().AddTicketFacts().AddSurveyFacts().AddComplaintFacts().AddPartFacts().AddExpenseFacts()
            .AddContractFacts().AddBudgetFacts()
            .AddReturnFacts()
            .AddInstallationFacts());
        services.AddScoped<ServiceFactsQueries>();
        services.AddScoped<ComplaintHandlers>();
        services.AddScoped<SurveyHandlers>();
        services.AddScoped<FollowUpHandlers>();
        AddRateLimits(services, builder.Configuration);
        services.AddSingleton<CalendarStore>();
        services.AddScoped<CalendarHandlers>();
        services.AddScoped<CalendarImports>();
        services.AddScoped<AuditLogQueries>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<DemoHistory>();
        services.AddScoped<DemoPartsHistory>();
        services.AddScoped<DemoAssessment>();
        services.AddScoped<AdminAccounts>();
        services.AddScoped<AccountAdministration>();
        services.AddScoped<NotificationHandlers>();
        services.AddScoped<Features.Assessment.PlanHandlers>();
        services.AddScoped<Features.Assessment.PeriodHandlers>();
        services.AddScoped<Features.Assessment.PeriodScoring>();
        services.AddScoped<Features.Assessment.SheetHandlers>();
        services.AddScoped<Features.Assessment.CardHandlers>();
        services.AddScoped<Features.Assessment.WhatIfHandlers>();
        services.AddScoped<Features.Assessment.PeriodExport>();
        services.AddScoped<Features.Assessment.PlanReviewHandlers>();
        services.AddScoped<Features.Assessment.TeamPoolHandlers>();
        services.AddScoped<Features.Grading.GradeQueries>();
        services.AddScoped<Features.Grading.GradeApplicationHandlers>();
        services.AddScoped<Features.Grading.GradeSchemeHandlers>();
        services.AddScoped<Features.Grading.DemotionHandlers>();

        // The breach job (R-SLA-4) after the initialiser: one instance, reachable by tests to drive scans themselves.
        services.AddOptions<SlaMonitorOptions>().Bind(builder.Configuration.GetSection(SlaMonitorOptions.Section));
        services.AddSingleton<JobLeases>();
        services.AddSingleton<SlaMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<SlaMonitor>());
        services.AddOptions<Features.Grading.GradingReminderOptions>().Bind(builder.Configuration.GetSection(Features.Grading.GradingReminderOptions.Section));
        services.AddSingleton<Features.Grading.GradingWindowMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Grading.GradingWindowMonitor>());

        // The assessment deadline reminders (R-ASM-4), same pattern; the calendar's defaults are checked at startup.
        services.AddOptions<Features.Assessment.AssessmentReminderOptions>().Bind(builder.Configuration.GetSection(Features.Assessment.AssessmentReminderOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<Features.Assessment.AssessmentReminderOptions>, Features.Assessment.AssessmentReminderOptionsValidator>();
        services.AddSingleton<Features.Assessment.DeadlineReminders>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Assessment.DeadlineReminders>());

        // Planned maintenance visits become tickets on their day (R-EXP-2), same pattern.
        services.AddOptions<Features.Contracts.ContractVisitOptions>().Bind(builder.Configuration.GetSection(Features.Contracts.ContractVisitOptions.Section));
        services.AddSingleton<Features.Contracts.ContractVisitScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Contracts.ContractVisitScheduler>());
        services.AddOptions<Features.Reminders.OverdueReminderOptions>().Bind(builder.Configuration.GetSection(Features.Reminders.OverdueReminderOptions.Section));
        services.AddSingleton<Features.Reminders.OverdueReminders>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Reminders.OverdueReminders>());
        return builder;
    }

    /// <summary>The public survey page and API answer at most N requests a minute per client address (SECURITY.md: links are rate-limited).</summary>
    private static void AddRateLimits(IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("ServiceMark:SurveyRequestsPerMinute", 20);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, ct) =>
            {
                // The API answers with ProblemDetails (status-code pages); a page gets a short text instead of the sign-in redirect.
                var response = context.HttpContext.Response;
                response.Headers.RetryAfter = "60";
                return context.HttpContext.Request.Path.StartsWithSegments("/api")
                    ? ValueTask.CompletedTask
                    : new ValueTask(response.WriteAsync("Too many requests. Please try again in a minute. / 请求过于频繁，请一分钟后再试。", ct));
            };
            o.AddPolicy(SurveyEndpoints.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
    }

    /// <summary>
    /// Cookies, bearer tokens and antiforgery tokens are protected with the data-protection key ring. It is kept in the
    /// database (table DataProtectionKeys) and the application name is fixed, so every instance on one database accepts
    /// what another issued, whatever its working directory (the default name is the content root path). The keys are
    /// stored unencrypted, like the rest of the database: whoever can read the database could forge a sign-in.
    /// </summary>
    private static void AddSharedKeyRing(IServiceCollection services) =>
        services.AddDataProtection()
            .SetApplicationName("ServiceMark")
            .PersistKeysToDbContext<AppDbContext>();

    private static void AddSignIn(IServiceCollection services)
    {
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = PasswordRules.MinLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddSignInManager<ServiceMarkSignInManager>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<ServiceMarkClaimsFactory>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddPasswordValidator<PersonalPasswordValidator>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SchemeSelector;
                o.DefaultChallengeScheme = SchemeSelector;
            })
            .AddPolicyScheme(SchemeSelector, "Cookie or bearer token", o =>
                o.ForwardDefaultSelector = ctx =>
                    ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? IdentityConstants.BearerScheme
                        : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                o.BearerTokenExpiration = TimeSpan.FromHours(1);
                o.Events.OnMessageReceived = SessionValidation.OnBearerMessageReceived;
            })
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = "ServiceMark.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx.HttpContext, ctx.RedirectUri, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx.HttpContext, ctx.RedirectUri, StatusCodes.Status403Forbidden);
            o.Events.OnValidatePrincipal = SessionValidation.OnCookieValidatePrincipal;
        });

        // The stamp itself is checked on every request (SessionValidation); this interval only re-issues a cookie's roles
        // after a change of position.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthorization(Policies.Configure);
    }

    /// <summary>API callers get a status code (and ProblemDetails from the status-code middleware), browsers a redirect.</summary>
    private static Task ApiAwareRedirect(HttpContext context, string redirectUri, int apiStatus)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = apiStatus;
        }
        else
        {
            context.Response.Redirect(redirectUri);
        }

        return Task.CompletedTask;
    }

    public static WebApplication UseServiceMark(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseSecurityHeaders();
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), ui => ui.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseRequestLocalization(o =>
        {
            o.SetDefaultCulture(Cultures.Default).AddSupportedCultures(Cultures.Supported).AddSupportedUICultures(Cultures.Supported);
            // zh-CN is the default: only an explicit choice (cookie or ?culture=) switches, not the browser's language.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UsePasswordChangeGate();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseUnreadableParameterNames();

        app.MapStaticAssets().AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
        app.MapHealthChecks("/health", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();

        app.MapAccountEndpoints();
        app.MapAccountAdministrationEndpoints();
        app.MapOrganisationEndpoints();
        app.MapPersonSkillEndpoints();
        app.MapAttachmentEndpoints();
        app.MapCustomerEndpoints();
        app.MapContactLogEndpoints();
        app.MapServiceLevelEndpoints();
        Features.DepartmentPolicies.DepartmentPolicyEndpoints.MapDepartmentPolicyEndpoints(app);
        app.MapTicketEndpoints();
        app.MapTicketImportEndpoints();
        app.MapPartEndpoints();
        app.MapExpenseEndpoints();
        app.MapBudgetEndpoints();
        Features.Contracts.ContractEndpoints.MapContractEndpoints(app);
        Features.Returns.ReturnEndpoints.MapReturnEndpoints(app);
        Features.Installations.InstallationEndpoints.MapInstallationEndpoints(app);
        app.MapServiceFactsEndpoints();
        app.MapComplaintEndpoints();
        app.MapSurveyEndpoints();
        app.MapCalendarEndpoints();
        app.MapAuditLogEndpoints();
        app.MapNotificationEndpoints();
        Features.Assessment.AssessmentEndpoints.MapAssessmentEndpoints(app);
        Features.Grading.GradingEndpoints.MapGradingEndpoints(app);

        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}

public sealed class ServiceMarkOptions
{
    /// <summary>Seeds the demo company on first run and prints its sign-ins. Never in production.</summary>
    public bool DemoMode { get; set; }

    /// <summary>
    /// In demo mode, how many historical tickets the first run generates, with a published last quarter scored from them,
    /// so the demo has service facts and assessment results to show (0: none; the tests and the volume generator use 0).
    /// </summary>
    public int DemoHistoryTickets { get; set; }

    /// <summary>The company's time zone for display and calendar arithmetic.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";
}

internal sealed class DatabaseHealthCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database cannot be reached.");
}
