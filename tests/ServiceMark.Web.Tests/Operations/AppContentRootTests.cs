using ServiceMark.Web.Infrastructure;

namespace ServiceMark.Web.Tests.Operations;

/// <summary>The published program started from another folder finds its settings and static files (issue 12 point 10).</summary>
public sealed class AppContentRootTests : IDisposable
{
    private readonly string program = Directory.CreateTempSubdirectory("sm-program-").FullName;
    private readonly string elsewhere = Directory.CreateTempSubdirectory("sm-cwd-").FullName;

    public AppContentRootTests() => File.WriteAllText(Path.Combine(program, "appsettings.json"), "{}");

    [Fact]
    public void Started_from_a_folder_without_settings_it_uses_its_own_folder() =>
        Assert.Equal(program, AppContentRoot.For(elsewhere, program, [], null));

    [Fact]
    public void Started_from_the_project_folder_it_keeps_the_working_directory()
    {
        File.WriteAllText(Path.Combine(elsewhere, "appsettings.json"), "{}"); // dotnet run: the project's settings are in the working directory
        Assert.Null(AppContentRoot.For(elsewhere, program, [], null));
    }

    [Fact]
    public void An_explicit_content_root_wins()
    {
        Assert.Null(AppContentRoot.For(elsewhere, program, ["--contentRoot", "/srv/servicemark"], null));
        Assert.Null(AppContentRoot.For(elsewhere, program, [], "/srv/servicemark"));
    }

    [Fact]
    public void A_program_without_settings_changes_nothing() =>
        Assert.Null(AppContentRoot.For(elsewhere, elsewhere, [], null));

    public void Dispose()
    {
        Directory.Delete(program, recursive: true);
        Directory.Delete(elsewhere, recursive: true);
    }
}
