#!/usr/bin/env python3
"""Writes the UI string resources (Resources/SharedResource*.resx) from the table below.

The table is the one place to add or change a UI string: key, English, Chinese (zh-CN).
Run: python3 tools/strings.py
"""
from xml.sax.saxutils import escape
import os

STRINGS = [
    ("App.Title", "ServiceMark — after-sales service and assessment", "售后服务管理与考核系统"),
    ("Nav.Home", "My workbench", "我的工作台"),
    ("Nav.Organisation", "Organisation", "组织与人员"),
    ("Nav.People", "People", "人员"),
    ("Nav.OrgUnits", "Departments, teams & stations", "部门、班组与服务站"),
    ("Nav.Positions", "Positions", "岗位"),
    ("Nav.Admin", "Administration", "系统管理"),
    ("Nav.Audit", "Audit log", "审计日志"),
    ("Nav.Api", "API reference", "API 文档"),
    ("Nav.SignOut", "Sign out", "退出"),
    ("Login.Title", "Sign in", "登录"),
    ("Login.UserName", "User name", "用户名"),
    ("Login.Password", "Password", "密码"),
    ("Login.Submit", "Sign in", "登录"),
    ("Login.Missing", "Enter your user name and password.", "请输入用户名和密码。"),
    ("Login.Failed", "Wrong user name or password.", "用户名或密码错误。"),
    ("Login.LockedOut", "The account is locked after repeated failures. Try again in 15 minutes.", "连续登录失败，账户已锁定，请 15 分钟后再试。"),
    ("Home.Title", "My workbench", "我的工作台"),
    ("Home.Me", "My details", "我的信息"),
    ("Home.MyTasks", "My to-do list", "我的待办"),
    ("Home.NoTasks", "Nothing to do right now.", "暂无待办事项。"),
    ("Home.ProbationDue", "Probation ending within 30 days", "30 天内试用期到期"),
    ("Home.MyTeam", "My direct reports", "我的直接下属"),
    ("Common.Save", "Save", "保存"),
    ("Common.Cancel", "Cancel", "取消"),
    ("Common.New", "New", "新建"),
    ("Common.Search", "Search", "查询"),
    ("Common.Saved", "Saved.", "已保存。"),
    ("Common.Yes", "Yes", "是"),
    ("Common.No", "No", "否"),
    ("Common.None", "None.", "无。"),
    ("Common.RowsPerPage", "Rows per page:", "每页行数："),
    ("Common.PagerInfo", "{first_item}-{last_item} of {all_items}", "第 {first_item}-{last_item} 条，共 {all_items} 条"),
    ("Common.NoRecords", "No records found.", "没有找到记录。"),
    ("People.New", "New person", "新建人员"),
    ("People.Import", "Import from Excel", "从 Excel 导入"),
    ("People.Search", "Name or employee number", "姓名或工号"),
    ("People.IncludeInactive", "Include deactivated", "包含已停用"),
    ("People.Inactive", "Deactivated", "已停用"),
    ("People.Deactivate", "Deactivate", "停用"),
    ("People.Reactivate", "Reactivate", "重新启用"),
    ("Org.Headcount", "Active people", "在岗人数"),
    ("Org.NewUnit", "New unit", "新建组织"),
    ("Org.EditUnit", "Edit unit", "编辑组织"),
    ("Org.NewPosition", "New position", "新建岗位"),
    ("Org.EditPosition", "Edit position", "编辑岗位"),
    ("Field.employeeNumber", "Employee number", "工号"),
    ("Field.name", "Name", "姓名/名称"),
    ("Field.phone", "Phone", "电话"),
    ("Field.email", "E-mail", "邮箱"),
    ("Field.positionId", "Position", "岗位"),
    ("Field.orgUnitId", "Department / team / station", "所属组织"),
    ("Field.superiorId", "Direct superior", "直接上级"),
    ("Field.status", "Employment status", "用工状态"),
    ("Field.hireDate", "Hire date", "入职日期"),
    ("Field.probationEndDate", "Probation ends", "试用期截止"),
    ("Field.reason", "Reason", "原因"),
    ("Field.code", "Code", "编码"),
    ("Field.kind", "Kind", "类型"),
    ("Field.parentId", "Parent department", "上级部门"),
    ("Field.address", "Address", "地址"),
    ("Field.isActive", "Active", "启用"),
    ("Field.role", "Role", "系统角色"),
    ("Field.isManagerial", "Managerial", "管理岗"),
    ("Field.file", "File", "文件"),
    ("Field.ownerType", "Record type", "记录类型"),
    ("Field.ownerId", "Record", "记录"),
    ("EmploymentStatus.Probation", "Probation", "试用期"),
    ("EmploymentStatus.Regular", "Regular", "正式"),
    ("EmploymentStatus.Transferred", "Transferred (on trial)", "转岗"),
    ("EmploymentStatus.Left", "Left", "离职"),
    ("OrgUnitKind.Department", "Department", "部门"),
    ("OrgUnitKind.Team", "Team", "班组"),
    ("OrgUnitKind.ServiceStation", "Service station", "服务站"),
    ("Role.admin", "Administrator", "系统管理员"),
    ("Role.department-head", "Department head", "部门负责人"),
    ("Role.supervisor", "Supervisor", "主管"),
    ("Role.specialist", "Customer-service specialist", "客服专员"),
    ("Role.engineer", "Service engineer", "售后服务工程师"),
    ("Role.warehouse-keeper", "Warehouse keeper", "备件库管员"),
    ("Role.hr", "HR", "人力资源"),
    ("Role.general-manager", "General management", "公司领导"),
    ("Import.Instructions", "Upload an .xlsx file whose first row holds these column headers. Nothing is imported unless every row is correct.", "上传 .xlsx 文件，第一行为以下列标题。只有全部行都正确时才会导入。"),
    ("Import.Template", "Download template", "下载模板"),
    ("Import.Done", "{0} people imported.", "已导入 {0} 人。"),
    ("Import.Failed", "The file has errors; nothing was imported. Correct these rows and upload again.", "文件有错误，未导入任何数据。请更正以下各行后重新上传。"),
    ("Import.Row", "Row", "行"),
    ("Import.Column", "Column", "列"),
    ("Import.Reason", "Reason", "原因"),
    ("Import.Error.required", "Required", "必填"),
    ("Import.Error.unknown", "Unknown value", "无效的值"),
    ("Import.Error.duplicate", "Duplicate", "重复"),
    ("Import.Error.format", "Wrong format", "格式错误"),
    ("Import.Error.cycle", "Reporting loop", "汇报关系成环"),
    ("Import.Error.file_format", "Not an .xlsx workbook", "不是 .xlsx 工作簿"),
    ("Import.Error.empty", "No data rows", "没有数据行"),
    ("Import.Error.too_many_rows", "Too many rows", "行数过多"),
    ("Import.Error.missing_column", "Missing columns", "缺少列"),
    ("Import.Error.too_large", "File too large (max 5 MB)", "文件过大（最大 5 MB）"),
    ("Import.Error.before_hire", "Before the hire date", "早于入职日期"),
    ("Attachments.Title", "Attachments", "附件"),
    ("Attachments.Hint", "JPEG, PNG or PDF, at most 10 MB.", "支持 JPEG、PNG、PDF，最大 10 MB。"),
    ("Audit.When", "When", "时间"),
    ("Audit.Actor", "By", "操作人"),
    ("Audit.EntityType", "Record type", "记录类型"),
    ("Audit.EntityId", "Record id", "记录编号"),
    ("Audit.Action", "Action", "操作"),
    ("Audit.From", "From", "开始日期"),
    ("Audit.To", "To", "结束日期"),
    ("Audit.Before", "Before", "变更前"),
    ("Audit.After", "After", "变更后"),
    ("Audit.Correlation", "Correlation id", "关联编号"),
    ("Audit.Added", "Created", "新建"),
    ("Audit.Modified", "Changed", "修改"),
    ("Audit.Deleted", "Deleted", "删除"),
    ("Error.required", "{0} is required.", "{0}为必填项。"),
    ("Error.too_long", "{0} is too long.", "{0}过长。"),
    ("Error.format", "{0} has the wrong format.", "{0}格式不正确。"),
    ("Error.unknown", "{0}: choose a valid value.", "{0}：请选择有效的值。"),
    ("Error.duplicate", "{0} is already in use.", "{0}已被使用。"),
    ("Error.cycle", "{0}: this would make the person their own superior.", "{0}：会形成循环的汇报关系。"),
    ("Error.before_hire", "{0} cannot be before the hire date.", "{0}不能早于入职日期。"),
    ("Error.in_use", "{0}: still in use by active people.", "{0}：仍有在岗人员使用，请先调整人员。"),
    ("Error.too_large", "{0} is too large.", "{0}过大。"),
    ("Error.type_not_allowed", "{0}: only JPEG, PNG, PDF and XLSX are accepted.", "{0}：只接受 JPEG、PNG、PDF、XLSX 文件。"),
    ("Error.FixFields", "Please correct the marked fields.", "请更正标出的字段。"),
    ("Error.StaleVersion", "Someone else changed this record after you opened it. Reload the page and try again.", "该记录在您打开后已被他人修改，请刷新页面后重试。"),
    ("Error.already_inactive", "The person is already deactivated.", "该人员已停用。"),
    ("Error.already_active", "The person is already active.", "该人员已是启用状态。"),
    ("Error.self_deactivation", "You cannot deactivate yourself.", "不能停用自己。"),
    ("Error.Forbidden", "You do not have permission to see this page.", "您没有权限访问此页面。"),
    ("Error.ForbiddenTitle", "Access denied", "无权访问"),
    ("Error.NotFound", "The page or record was not found.", "页面或记录不存在。"),
    ("Error.NotFoundTitle", "Not found", "未找到"),
    ("Error.Unexpected", "An unexpected error occurred. It has been logged.", "系统出现意外错误，已记录。"),
    ("Error.Reload", "Reload", "重新加载"),
    ("Reconnect.Rejoining", "Reconnecting to the server…", "正在重新连接服务器…"),
    ("Reconnect.Failed", "The connection was lost. Reload the page.", "连接已断开，请刷新页面。"),
    ("Reconnect.Retry", "Retry", "重试"),
]

HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""


def write(path, column):
    keys = [k for k, *_ in STRINGS]
    assert len(keys) == len(set(keys)), "duplicate key"
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEADER)
        for row in STRINGS:
            f.write(f'  <data name="{escape(row[0])}" xml:space="preserve"><value>{escape(row[column])}</value></data>\n')
        f.write("</root>\n")


here = os.path.join(os.path.dirname(__file__), "..", "src", "ServiceMark.Web", "Resources")
write(os.path.join(here, "SharedResource.resx"), 1)
write(os.path.join(here, "SharedResource.zh-CN.resx"), 2)
