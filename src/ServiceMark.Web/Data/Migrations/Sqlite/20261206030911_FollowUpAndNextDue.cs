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

            // The shipped service levels and holiday notices named in Chinese only (issue 12 point 3), where still as shipped.
            migrationBuilder.Sql("""
                UPDATE "ServiceLevelPolicies" SET "Name" = '车身故障 100 km 以内', "Description" = '种子001 §3.2：服务网点 100 km 以内、无需配套厂家的车身故障，24 小时内工程师到场。' WHERE "Name" = '车身故障 100 km 以内 / Body faults within 100 km';
                UPDATE "ServiceLevelPolicies" SET "Name" = '车身故障 100 km 以外', "Description" = '种子001 §3.2：100 km 以外的车身故障，12 小时内答复客户。' WHERE "Name" = '车身故障 100 km 以外 / Body faults beyond 100 km';
                UPDATE "ServiceLevelPolicies" SET "Name" = '车身故障需与配套厂家联系', "Description" = '种子001 §3.2：需与配套厂家联系的车身故障（不论距离），12 小时内答复客户。' WHERE "Name" = '车身故障需与配套厂家联系 / Body faults needing a supplier';
                UPDATE "ServiceLevelPolicies" SET "Name" = '底盘发动机故障', "Description" = '种子001 §3.2：底盘、发动机故障，12 小时内与客户书面联系，结果存档并反馈。' WHERE "Name" = '底盘发动机故障 / Chassis and engine faults';
                UPDATE "ServiceLevelPolicies" SET "Name" = '通用默认', "Description" = '种子003/004：其他工单，1 个工作日内首次响应（按工作日历计 8 个工作小时），72 小时内处理完毕。' WHERE "Name" = '通用默认 / General default';
                UPDATE "CalendarHolidayYears" SET "Source" = '国务院办公厅关于2025年部分节假日安排的通知（2024-11-12 发布）', "Json" = REPLACE("Json", 'State Council General Office notice on the 2025 public-holiday arrangement (published 2024-11-12)', '国务院办公厅关于2025年部分节假日安排的通知（2024-11-12 发布）') WHERE "Source" = 'State Council General Office notice on the 2025 public-holiday arrangement (published 2024-11-12)';
                UPDATE "CalendarHolidayYears" SET "Source" = '国务院办公厅关于2026年部分节假日安排的通知（2025-11-04 发布）', "Json" = REPLACE("Json", 'State Council General Office notice on the 2026 public-holiday arrangement (published 2025-11-04)', '国务院办公厅关于2026年部分节假日安排的通知（2025-11-04 发布）') WHERE "Source" = 'State Council General Office notice on the 2026 public-holiday arrangement (published 2025-11-04)';
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
