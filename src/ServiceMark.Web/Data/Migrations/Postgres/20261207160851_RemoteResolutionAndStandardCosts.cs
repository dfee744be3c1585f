using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ServiceMark.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RemoteResolutionAndStandardCosts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceTickets_Facts",
                table: "ServiceTickets");

            migrationBuilder.DropIndex(
                name: "IX_ServiceReports_TicketId",
                table: "ServiceReports");

            migrationBuilder.AddColumn<string>(
                name: "RemoteMethod",
                table: "ServiceTickets",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "CustomerStamped",
                table: "ServiceReports",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "RemoteResolution",
                table: "ServiceLevelPolicies",
                type: "interval",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "StandardCosts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    JobType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StandardCosts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceTickets_Facts",
                table: "ServiceTickets",
                columns: new[] { "ReportedAtUtc", "Id", "Status", "Number", "FirstResponseAtUtc", "ArrivedAtUtc", "ResolvedAtUtc", "ClosedAtUtc", "ReportSignedAtUtc", "OriginalTicketId", "RemoteMethod" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceReports_Stamped",
                table: "ServiceReports",
                column: "TicketId",
                filter: "\"CustomerStamped\"");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceReports_TicketId_Revision_CompensationAmount",
                table: "ServiceReports",
                columns: new[] { "TicketId", "Revision", "CompensationAmount" });

            migrationBuilder.CreateIndex(
                name: "IX_StandardCosts_JobType",
                table: "StandardCosts",
                column: "JobType",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StandardCosts");

            migrationBuilder.DropIndex(
                name: "IX_ServiceTickets_Facts",
                table: "ServiceTickets");

            migrationBuilder.DropIndex(
                name: "IX_ServiceReports_Stamped",
                table: "ServiceReports");

            migrationBuilder.DropIndex(
                name: "IX_ServiceReports_TicketId_Revision_CompensationAmount",
                table: "ServiceReports");

            migrationBuilder.DropColumn(
                name: "RemoteMethod",
                table: "ServiceTickets");

            migrationBuilder.DropColumn(
                name: "CustomerStamped",
                table: "ServiceReports");

            migrationBuilder.DropColumn(
                name: "RemoteResolution",
                table: "ServiceLevelPolicies");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceTickets_Facts",
                table: "ServiceTickets",
                columns: new[] { "ReportedAtUtc", "Id", "Status", "Number", "FirstResponseAtUtc", "ArrivedAtUtc", "ResolvedAtUtc", "ClosedAtUtc", "ReportSignedAtUtc", "OriginalTicketId" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceReports_TicketId",
                table: "ServiceReports",
                column: "TicketId");
        }
    }
}
