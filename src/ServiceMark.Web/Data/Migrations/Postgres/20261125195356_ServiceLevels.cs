using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ServiceMark.Web.Data.Migrations.Postgres
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    FaultCategory = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    MinDistanceKm = table.Column<decimal>(type: "numeric(9,1)", precision: 9, scale: 1, nullable: true),
                    MaxDistanceKm = table.Column<decimal>(type: "numeric(9,1)", precision: 9, scale: 1, nullable: true),
                    RequiresSupplier = table.Column<bool>(type: "boolean", nullable: true),
                    Urgency = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    FirstResponse = table.Column<TimeSpan>(type: "interval", nullable: true),
                    Arrival = table.Column<TimeSpan>(type: "interval", nullable: true),
                    Resolution = table.Column<TimeSpan>(type: "interval", nullable: true),
                    WrittenContact = table.Column<TimeSpan>(type: "interval", nullable: true),
                    CountsWorkingTime = table.Column<bool>(type: "boolean", nullable: false),
                    ResolutionCountsWorkingTime = table.Column<bool>(type: "boolean", nullable: false),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
