using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceMark.Web.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "CustomerStamped",
                table: "ServiceReports",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "RemoteResolution",
                table: "ServiceLevelPolicies",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "StandardCosts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JobType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StandardCosts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceTickets_Facts",
                table: "ServiceTickets",
                columns: new[] { "ReportedAtUtc", "Id", "Status", "Number", "FirstResponseAtUtc", "ArrivedAtUtc", "ResolvedAtUtc", "ClosedAtUtc", "ReportSignedAtUtc", "OriginalTicketId", "RemoteMethod", "ResponseTicks", "ArrivalTicks", "ResolutionTicks", "ReportDelayTicks" });

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
                columns: new[] { "ReportedAtUtc", "Id", "Status", "Number", "FirstResponseAtUtc", "ArrivedAtUtc", "ResolvedAtUtc", "ClosedAtUtc", "ReportSignedAtUtc", "OriginalTicketId", "ResponseTicks", "ArrivalTicks", "ResolutionTicks", "ReportDelayTicks" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceReports_TicketId",
                table: "ServiceReports",
                column: "TicketId");
        }
    }
}
