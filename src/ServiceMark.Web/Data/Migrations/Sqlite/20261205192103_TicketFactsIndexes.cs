using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceMark.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TicketFactsIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceTickets_Facts",
                table: "ServiceTickets");

            migrationBuilder.DropIndex(
                name: "IX_ServiceTickets_ReportedAtUtc",
                table: "ServiceTickets");

            migrationBuilder.DropIndex(
                name: "IX_ServiceTickets_Status_ReportedAtUtc_Id",
                table: "ServiceTickets");

            migrationBuilder.AddColumn<long>(
                name: "ArrivalTicks",
                table: "ServiceTickets",
                type: "INTEGER",
                nullable: true,
                computedColumnSql: "(CAST(strftime('%s', substr(\"ArrivedAtUtc\", 1, 19)) AS INTEGER) - CAST(strftime('%s', substr(\"ReportedAtUtc\", 1, 19)) AS INTEGER)) * 10000000 + (CASE WHEN length(\"ArrivedAtUtc\") > 20 THEN CAST(substr(\"ArrivedAtUtc\" || '000000', 21, 7) AS INTEGER) ELSE 0 END) - (CASE WHEN length(\"ReportedAtUtc\") > 20 THEN CAST(substr(\"ReportedAtUtc\" || '000000', 21, 7) AS INTEGER) ELSE 0 END)",
                stored: false);

            migrationBuilder.AddColumn<long>(
                name: "ReportDelayTicks",
                table: "ServiceTickets",
                type: "INTEGER",
                nullable: true,
                computedColumnSql: "(CAST(strftime('%s', substr(\"ReportSignedAtUtc\", 1, 19)) AS INTEGER) - CAST(strftime('%s', substr(\"ResolvedAtUtc\", 1, 19)) AS INTEGER)) * 10000000 + (CASE WHEN length(\"ReportSignedAtUtc\") > 20 THEN CAST(substr(\"ReportSignedAtUtc\" || '000000', 21, 7) AS INTEGER) ELSE 0 END) - (CASE WHEN length(\"ResolvedAtUtc\") > 20 THEN CAST(substr(\"ResolvedAtUtc\" || '000000', 21, 7) AS INTEGER) ELSE 0 END)",
                stored: false);

            migrationBuilder.AddColumn<long>(
                name: "ResolutionTicks",
                table: "ServiceTickets",
                type: "INTEGER",
                nullable: true,
                computedColumnSql: "(CAST(strftime('%s', substr(\"ResolvedAtUtc\", 1, 19)) AS INTEGER) - CAST(strftime('%s', substr(\"ReportedAtUtc\", 1, 19)) AS INTEGER)) * 10000000 + (CASE WHEN length(\"ResolvedAtUtc\") > 20 THEN CAST(substr(\"ResolvedAtUtc\" || '000000', 21, 7) AS INTEGER) ELSE 0 END) - (CASE WHEN length(\"ReportedAtUtc\") > 20 THEN CAST(substr(\"ReportedAtUtc\" || '000000', 21, 7) AS INTEGER) ELSE 0 END)",
                stored: false);

            migrationBuilder.AddColumn<long>(
                name: "ResponseTicks",
                table: "ServiceTickets",
                type: "INTEGER",
                nullable: true,
                computedColumnSql: "(CAST(strftime('%s', substr(\"FirstResponseAtUtc\", 1, 19)) AS INTEGER) - CAST(strftime('%s', substr(\"ReportedAtUtc\", 1, 19)) AS INTEGER)) * 10000000 + (CASE WHEN length(\"FirstResponseAtUtc\") > 20 THEN CAST(substr(\"FirstResponseAtUtc\" || '000000', 21, 7) AS INTEGER) ELSE 0 END) - (CASE WHEN length(\"ReportedAtUtc\") > 20 THEN CAST(substr(\"ReportedAtUtc\" || '000000', 21, 7) AS INTEGER) ELSE 0 END)",
                stored: false);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceTickets_Facts",
                table: "ServiceTickets",
                columns: new[] { "ReportedAtUtc", "Id", "Status", "Number", "FirstResponseAtUtc", "ArrivedAtUtc", "ResolvedAtUtc", "ClosedAtUtc", "ReportSignedAtUtc", "OriginalTicketId", "ResponseTicks", "ArrivalTicks", "ResolutionTicks", "ReportDelayTicks" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceTickets_Facts",
                table: "ServiceTickets");

            migrationBuilder.DropColumn(
                name: "ArrivalTicks",
                table: "ServiceTickets");

            migrationBuilder.DropColumn(
                name: "ReportDelayTicks",
                table: "ServiceTickets");

            migrationBuilder.DropColumn(
                name: "ResolutionTicks",
                table: "ServiceTickets");

            migrationBuilder.DropColumn(
                name: "ResponseTicks",
                table: "ServiceTickets");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceTickets_Facts",
                table: "ServiceTickets",
                columns: new[] { "ReportedAtUtc", "Id", "Status", "Number", "FirstResponseAtUtc", "ArrivedAtUtc", "ResolvedAtUtc", "ClosedAtUtc", "ReportSignedAtUtc", "OriginalTicketId" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceTickets_ReportedAtUtc",
                table: "ServiceTickets",
                column: "ReportedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceTickets_Status_ReportedAtUtc_Id",
                table: "ServiceTickets",
                columns: new[] { "Status", "ReportedAtUtc", "Id" });
        }
    }
}
