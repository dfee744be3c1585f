namespace ServiceMark.Web.Infrastructure;

/// <summary>
/// Where the app finds its settings (appsettings*.json) and its static files. ASP.NET Core takes the working directory, which
/// is right under <c>dotnet run</c> (the project folder) but wrong for the published program started from anywhere else (a
/// service manager, a shell in another folder): it then found no settings and served <c>blazor.web.js</c> without a content
/// type, so no page became interactive (issue 12 point 10). The program's own folder is used when the working directory holds
/// no settings of its own and the program's folder does; an explicit <c>--contentRoot</c> or <c>ASPNETCORE_CONTENTROOT</c> wins.
/// </summary>
public static class AppContentRoot
{
    private const string Settings = "appsettings.json";

    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        ContentRootPath = For(Directory.GetCurrentDirectory(), AppContext.BaseDirectory, args, Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT")),
    };

    /// <summary>The content root to set, or null to keep ASP.NET Core's choice.</summary>
    internal static string? For(string workingDirectory, string programDirectory, IReadOnlyList<string> args, string? configured)
    {
        if (!string.IsNullOrEmpty(configured) || args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        return !File.Exists(Path.Combine(workingDirectory, Settings)) && File.Exists(Path.Combine(programDirectory, Settings))
            ? programDirectory
            : null;
    }
}
