using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceMark.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FactsCoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TicketAssignments_TicketId",
                table: "TicketAssignments");

            migrationBuilder.CreateIndex(
                name: "IX_TicketServiceLevelOutcomes_TicketId_Target_MetOnTime_MetAtU~",
                table: "TicketServiceLevelOutcomes",
                columns: new[] { "TicketId", "Target", "MetOnTime", "MetAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_TicketAssignments_TicketId_EngineerId",
                table: "TicketAssignments",
                columns: new[] { "TicketId", "EngineerId" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceTickets_Facts",
                table: "ServiceTickets",
                columns: new[] { "ReportedAtUtc", "Id", "Status", "Number", "FirstResponseAtUtc", "ArrivedAtUtc", "ResolvedAtUtc", "ClosedAtUtc", "ReportSignedAtUtc", "OriginalTicketId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TicketServiceLevelOutcomes_TicketId_Target_MetOnTime_MetAtU~",
                table: "TicketServiceLevelOutcomes");

            migrationBuilder.DropIndex(
                name: "IX_TicketAssignments_TicketId_EngineerId",
                table: "TicketAssignments");

            migrationBuilder.DropIndex(
                name: "IX_ServiceTickets_Facts",
                table: "ServiceTickets");

            migrationBuilder.CreateIndex(
                name: "IX_TicketAssignments_TicketId",
                table: "TicketAssignments",
                column: "TicketId");
        }
    }
}
