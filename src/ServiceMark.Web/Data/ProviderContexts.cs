using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ServiceMark.Web.Data;

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options, TimeProvider clock)
    : AppDbContext(options, clock);

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options, TimeProvider clock)
    : AppDbContext(options, clock);

/// <summary>Lets `dotnet ef` build each provider's context without starting the web host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=design.db").Options, TimeProvider.System);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=design").Options, TimeProvider.System);
}
