using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceMark.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TicketServiceLevelOutcomes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TicketAssignments_EngineerId",
                table: "TicketAssignments");

            migrationBuilder.AddColumn<DateTime>(
                name: "ReportSignedAtUtc",
                table: "ServiceTickets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ServiceLevelCalendarId",
                table: "ServiceTickets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ServiceLevelCalendarVersion",
                table: "ServiceTickets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "TicketServiceLevelOutcomes",
                columns: table => new
                {
                    TicketId = table.Column<int>(type: "INTEGER", nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DueUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    MetAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    MetOnTime = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TicketServiceLevelOutcomes", x => new { x.TicketId, x.Target });
                    table.ForeignKey(
                        name: "FK_TicketServiceLevelOutcomes_ServiceTickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "ServiceTickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TicketAssignments_EngineerId_TicketId",
                table: "TicketAssignments",
                columns: new[] { "EngineerId", "TicketId" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceTickets_OriginalTicketId",
                table: "ServiceTickets",
                column: "OriginalTicketId");

            // The first signature of each ticket's report, for tickets signed before the column existed. The service-level
            // outcomes themselves need the calendar and the policies, so the app measures those at startup (TicketOutcomes.BackfillAsync).
            migrationBuilder.Sql("""
                UPDATE "ServiceTickets" SET "ReportSignedAtUtc" =
                    (SELECT MIN(r."SignedAtUtc") FROM "ServiceReports" r WHERE r."TicketId" = "ServiceTickets"."Id")
                WHERE "ReportSignedAtUtc" IS NULL
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TicketServiceLevelOutcomes");

            migrationBuilder.DropIndex(
                name: "IX_TicketAssignments_EngineerId_TicketId",
                table: "TicketAssignments");

            migrationBuilder.DropIndex(
                name: "IX_ServiceTickets_OriginalTicketId",
                table: "ServiceTickets");

            migrationBuilder.DropColumn(
                name: "ReportSignedAtUtc",
                table: "ServiceTickets");

            migrationBuilder.DropColumn(
                name: "ServiceLevelCalendarId",
                table: "ServiceTickets");

            migrationBuilder.DropColumn(
                name: "ServiceLevelCalendarVersion",
                table: "ServiceTickets");

            migrationBuilder.CreateIndex(
                name: "IX_TicketAssignments_EngineerId",
                table: "TicketAssignments",
                column: "EngineerId");
        }
    }
}
