using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceMark.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FollowUpAndNextDue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "FollowUpDueAtUtc",
                table: "ServiceTickets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextDueAtUtc",
                table: "ServiceTickets",
                type: "TEXT",
                nullable: true);

            // Tickets closed before the follow-up had its own service level: two days after closing, the default
            // (15 working hours, two working days) on an ordinary week, without reading the calendar in SQL.
            migrationBuilder.Sql("""
                UPDATE "ServiceTickets" SET "FollowUpDueAtUtc" = strftime('%Y-%m-%d %H:%M:%f', substr("ClosedAtUtc", 1, 23), '+2 days') WHERE "ClosedAtUtc" IS NOT NULL
                """);

            // Open tickets: the earliest unmet target as last measured (what TicketOutcomes writes from now on).
            migrationBuilder.Sql("""
                UPDATE "ServiceTickets" SET "NextDueAtUtc" = (SELECT MIN(o."DueUtc") FROM "TicketServiceLevelOutcomes" AS o WHERE o."TicketId" = "ServiceTickets"."Id" AND o."MetAtUtc" IS NULL) WHERE "ClosedAtUtc" IS NULL AND "Status" <> 'Cancelled'
                """);

            migrationBuilder.CreateTable(
                name: "FollowUpSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    DueWithin = table.Column<TimeSpan>(type: "TEXT", nullable: false),
                    LinkValidFor = table.Column<TimeSpan>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpSettings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceTickets_NextDue",
                table: "ServiceTickets",
                column: "NextDueAtUtc",
                filter: "\"NextDueAtUtc\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceTickets_Status_FollowUpDueAtUtc",
                table: "ServiceTickets",
                columns: new[] { "Status", "FollowUpDueAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FollowUpSettings");

            migrationBuilder.DropIndex(
                name: "IX_ServiceTickets_NextDue",
                table: "ServiceTickets");

            migrationBuilder.DropIndex(
                name: "IX_ServiceTickets_Status_FollowUpDueAtUtc",
                table: "ServiceTickets");

            migrationBuilder.DropColumn(
                name: "FollowUpDueAtUtc",
                table: "ServiceTickets");

            migrationBuilder.DropColumn(
                name: "NextDueAtUtc",
                table: "ServiceTickets");
        }
    }
}
