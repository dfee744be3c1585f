using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceMark.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ContactLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ContactLog",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReceivedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CallerName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    CallerPhone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Handling = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Reply = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RepliedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LoggedByPersonId = table.Column<int>(type: "INTEGER", nullable: true),
                    TicketId = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactLog", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContactLog_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContactLog_CustomerId",
                table: "ContactLog",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_ContactLog_ReceivedAtUtc",
                table: "ContactLog",
                column: "ReceivedAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContactLog");
        }
    }
}
