using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceMark.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RemoteResolution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceTickets_Facts",
                table: "ServiceTickets");

            migrationBuilder.AddColumn<string>(
                name: "RemoteMethod",
                table: "ServiceTickets",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "RemoteResolution",
                table: "ServiceLevelPolicies",
                type: "interval",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceTickets_Facts",
                table: "ServiceTickets",
                columns: new[] { "ReportedAtUtc", "Id", "Status", "Number", "FirstResponseAtUtc", "ArrivedAtUtc", "ResolvedAtUtc", "ClosedAtUtc", "ReportSignedAtUtc", "OriginalTicketId", "RemoteMethod" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceTickets_Facts",
                table: "ServiceTickets");

            migrationBuilder.DropColumn(
                name: "RemoteMethod",
                table: "ServiceTickets");

            migrationBuilder.DropColumn(
                name: "RemoteResolution",
                table: "ServiceLevelPolicies");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceTickets_Facts",
                table: "ServiceTickets",
                columns: new[] { "ReportedAtUtc", "Id", "Status", "Number", "FirstResponseAtUtc", "ArrivedAtUtc", "ResolvedAtUtc", "ClosedAtUtc", "ReportSignedAtUtc", "OriginalTicketId" });
        }
    }
}
