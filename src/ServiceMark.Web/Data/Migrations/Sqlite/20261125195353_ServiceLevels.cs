using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceMark.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ServiceLevels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ServiceLevelPolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    FaultCategory = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    MinDistanceKm = table.Column<decimal>(type: "TEXT", precision: 9, scale: 1, nullable: true),
                    MaxDistanceKm = table.Column<decimal>(type: "TEXT", precision: 9, scale: 1, nullable: true),
                    RequiresSupplier = table.Column<bool>(type: "INTEGER", nullable: true),
                    Urgency = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    FirstResponse = table.Column<TimeSpan>(type: "TEXT", nullable: true),
                    Arrival = table.Column<TimeSpan>(type: "TEXT", nullable: true),
                    Resolution = table.Column<TimeSpan>(type: "TEXT", nullable: true),
                    WrittenContact = table.Column<TimeSpan>(type: "TEXT", nullable: true),
                    CountsWorkingTime = table.Column<bool>(type: "INTEGER", nullable: false),
                    ResolutionCountsWorkingTime = table.Column<bool>(type: "INTEGER", nullable: false),
                    Priority = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceLevelPolicies", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ServiceLevelPolicies");
        }
    }
}
