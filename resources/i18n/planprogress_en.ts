<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="zh_CN">
  <context>
    <name>planprogress</name>
    <message>
      <location filename="../../desktop/domain/health.py" line="1" />
      <source>正常</source>
      <translation>On track</translation>
    </message>
    <message>
      <location filename="../../desktop/domain/health.py" line="1" />
      <source>临近到期</source>
      <translation>Due soon</translation>
    </message>
    <message>
      <location filename="../../desktop/domain/health.py" line="1" />
      <source>逾期/滞后</source>
      <translation>Overdue / lagging</translation>
    </message>
    <message>
      <location filename="../../desktop/domain/status.py" line="1" />
      <source>未启动</source>
      <translation>Not started</translation>
    </message>
    <message>
      <location filename="../../desktop/domain/status.py" line="1" />
      <source>推进中</source>
      <translation>In progress</translation>
    </message>
    <message>
      <location filename="../../desktop/domain/status.py" line="1" />
      <source>滞后</source>
      <translation>Lagging</translation>
    </message>
    <message>
      <location filename="../../desktop/domain/status.py" line="1" />
      <source>填报员</source>
      <translation>Clerk</translation>
    </message>
    <message>
      <location filename="../../desktop/domain/status.py" line="1" />
      <source>审核员</source>
      <translation>Reviewer</translation>
    </message>
    <message>
      <location filename="../../desktop/domain/status.py" line="1" />
      <source>管理员</source>
      <translation>Administrator</translation>
    </message>
    <message>
      <location filename="../../desktop/domain/status.py" line="1" />
      <source>草稿</source>
      <translation>Draft</translation>
    </message>
    <message>
      <location filename="../../desktop/domain/status.py" line="1" />
      <source>待审核</source>
      <translation>Awaiting review</translation>
    </message>
    <message>
      <location filename="../../desktop/domain/status.py" line="1" />
      <source>已审核</source>
      <translation>Approved</translation>
    </message>
    <message>
      <location filename="../../desktop/services/bundle/format.py" line="1" />
      <source>已接收</source>
      <translation>Accepted</translation>
    </message>
    <message>
      <location filename="../../desktop/services/bundle/format.py" line="1" />
      <source>已导入过（无需重复导入）</source>
      <translation>Already imported (nothing to do)</translation>
    </message>
    <message>
      <location filename="../../desktop/services/bundle/format.py" line="1" />
      <source>拒收：重放的旧数据包</source>
      <translation>Rejected: an old bundle sent again</translation>
    </message>
    <message>
      <location filename="../../desktop/services/bundle/format.py" line="1" />
      <source>暂存：缺少前面的数据包</source>
      <translation>Held: an earlier bundle is missing</translation>
    </message>
    <message>
      <location filename="../../desktop/services/bundle/format.py" line="1" />
      <source>拒收：数据包链断裂</source>
      <translation>Rejected: the bundle chain is broken</translation>
    </message>
    <message>
      <location filename="../../desktop/services/bundle/format.py" line="1" />
      <source>拒收：未登记的单位</source>
      <translation>Rejected: unit not enrolled</translation>
    </message>
    <message>
      <location filename="../../desktop/services/bundle/format.py" line="1" />
      <source>拒收：单位已被吊销</source>
      <translation>Rejected: unit revoked</translation>
    </message>
    <message>
      <location filename="../../desktop/services/bundle/format.py" line="1" />
      <source>拒收：签名无效</source>
      <translation>Rejected: invalid signature</translation>
    </message>
    <message>
      <location filename="../../desktop/services/bundle/format.py" line="1" />
      <source>拒收：签名密钥属于另一个单位</source>
      <translation>Refused: signed with another unit's key</translation>
    </message>
    <message>
      <location filename="../../desktop/services/bundle/format.py" line="1" />
      <source>拒收：签名密钥已停用</source>
      <translation>Refused: signing key retired</translation>
    </message>
    <message>
      <location filename="../../desktop/services/bundle/format.py" line="1" />
      <source>已搁置（不再导入）</source>
      <translation>Set aside (not imported again)</translation>
    </message>
    <message>
      <location filename="../../desktop/services/bundle/format.py" line="1" />
      <source>拒收：数据包已损坏</source>
      <translation>Rejected: bundle damaged</translation>
    </message>
    <message>
      <location filename="../../desktop/services/bundle/format.py" line="1" />
      <source>拒收：不是加密给本省局的</source>
      <translation>Rejected: not encrypted for this office</translation>
    </message>
    <message>
      <location filename="../../desktop/services/bundle/format.py" line="1" />
      <source>拒收：规划目录版本未知</source>
      <translation>Rejected: unknown plan catalog version</translation>
    </message>
    <message>
      <location filename="../../desktop/services/bundle/format.py" line="1" />
      <source>拒收：内容不安全</source>
      <translation>Rejected: unsafe content</translation>
    </message>
    <message>
      <location filename="../../desktop/services/office/indicator_lines.py" line="1" />
      <source>全省指标</source>
      <translation>Provincial indicator</translation>
    </message>
    <message>
      <location filename="../../desktop/services/office/indicator_lines.py" line="1" />
      <source>目标年底达到</source>
      <translation>Reached by the goal year's end</translation>
    </message>
    <message>
      <location filename="../../desktop/services/office/indicator_lines.py" line="1" />
      <source>目前达到</source>
      <translation>Reached now</translation>
    </message>
    <message>
      <location filename="../../desktop/services/office/indicator_lines.py" line="1" />
      <source>目前达标单位</source>
      <translation>Units meeting it now</translation>
    </message>
    <message>
      <location filename="../../desktop/services/office/indicator_lines.py" line="1" />
      <source>结论</source>
      <translation>Verdict</translation>
    </message>
    <message>
      <location filename="../../desktop/services/office/indicator_lines.py" line="1" />
      <source>规划要求在该年 12 月 31 日前达到的比例</source>
      <translation>The share the plan requires by 31 December of that year</translation>
    </message>
    <message>
      <location filename="../../desktop/services/office/indicator_lines.py" line="1" />
      <source>到目标年份 12 月 31 日为止达标的单位占全部在用单位的比例；该年尚未结束时显示“年度未结束”</source>
      <translation>Share of active units that had reached it by 31 December of the goal year; "year not over" while that year is still running</translation>
    </message>
    <message>
      <location filename="../../desktop/services/office/indicator_lines.py" line="1" />
      <source>截至今天达标的单位占全部在用单位的比例</source>
      <translation>Share of active units that have reached it as of today</translation>
    </message>
    <message>
      <location filename="../../desktop/services/office/indicator_lines.py" line="1" />
      <source>截至今天达标的单位数 / 全部在用单位数（已吊销的单位不计）</source>
      <translation>Units that have reached it as of today / active units (revoked units not counted)</translation>
    </message>
    <message>
      <location filename="../../desktop/services/office/indicator_lines.py" line="1" />
      <source>目标年份已结束的按年底的比例判定；尚未结束的按今天的比例判定</source>
      <translation>A goal whose year is over is judged on the share at that year's end; otherwise on today's share</translation>
    </message>
    <message>
      <location filename="../../desktop/services/office/indicator_lines.py" line="1" />
      <source>年度未结束</source>
      <translation>year not over</translation>
    </message>
    <message>
      <location filename="../../desktop/services/office/indicator_lines.py" line="1" />
      <source>{year}年底 {value}</source>
      <translation>{value} by end of {year}</translation>
    </message>
    <message>
      <location filename="../../desktop/services/office/indicator_lines.py" line="1" />
      <source>已达到（年度未结束）</source>
      <translation>Reached (year not over)</translation>
    </message>
    <message>
      <location filename="../../desktop/services/office/indicator_lines.py" line="1" />
      <source>尚未达到</source>
      <translation>Not yet met</translation>
    </message>
    <message>
      <location filename="../../desktop/services/operations/undo.py" line="1" />
      <source>撤销进度修改</source>
      <translation>Undo progress change</translation>
    </message>
    <message>
      <location filename="../../desktop/services/operations/undo.py" line="1" />
      <source>撤销添加措施“{title}”</source>
      <translation>Undo adding measure "{title}"</translation>
    </message>
    <message>
      <location filename="../../desktop/services/operations/undo.py" line="1" />
      <source>撤销修改措施“{title}”</source>
      <translation>Undo changing measure "{title}"</translation>
    </message>
    <message>
      <location filename="../../desktop/services/operations/undo.py" line="1" />
      <source>撤销添加时间节点“{title}”</source>
      <translation>Undo adding milestone "{title}"</translation>
    </message>
    <message>
      <location filename="../../desktop/services/operations/undo.py" line="1" />
      <source>撤销修改时间节点“{title}”</source>
      <translation>Undo changing milestone "{title}"</translation>
    </message>
    <message>
      <location filename="../../desktop/services/operations/undo.py" line="1" />
      <source>撤销修改佐证材料“{title}”</source>
      <translation>Undo changing evidence "{title}"</translation>
    </message>
    <message>
      <location filename="../../desktop/services/operations/undo.py" line="1" />
      <source>撤销填报 {title} 条进度</source>
      <translation>Undo {title} progress entries</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/__init__.py" line="18" />
      <source>导入省局回执…</source>
      <translation>Import the office's answers…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/__init__.py" line="19" />
      <source>从省局送来的U盘导入回执：数据包是否被接收、退回的报告期和通知</source>
      <translation>Import the office's answers from its stick: whether bundles were accepted, returned periods and notices</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/office.py" line="68" />
      <source>退回本期</source>
      <translation>Return this period</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/office.py" line="71" />
      <source>必填：为什么退回，单位应当怎样改</source>
      <translation>Required: why it is returned and what the unit should change</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/office.py" line="73" />
      <source>序号</source>
      <translation>No.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/office.py" line="73" />
      <source>任务</source>
      <translation>Task</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/office.py" line="73" />
      <source>本期完成</source>
      <translation>Done this period</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/office.py" line="73" />
      <source>意见（可留空）</source>
      <translation>Comment (optional)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/office.py" line="90" />
      <source>单位</source>
      <translation>Unit</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/office.py" line="91" />
      <source>报告期</source>
      <translation>Period</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/office.py" line="92" />
      <source>退回原因</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/office.py" line="94" />
      <source>退回</source>
      <translation>returned</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/office.py" line="100" />
      <source>对各项任务的意见（随回执送到单位，显示在该任务旁）</source>
      <translation>Comments per task (sent with the answer, shown beside the task at the unit)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/office.py" line="135" />
      <source>制作回执U盘</source>
      <translation>Write answer stick</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/office.py" line="137" />
      <source>有新内容的单位（回执、退回、通知）</source>
      <translation>Units with something new (receipts, returns, notices)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/office.py" line="138" />
      <source>下面选中的单位</source>
      <translation>The units ticked below</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/office.py" line="139" />
      <source>全部单位</source>
      <translation>All units</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/office.py" line="153" />
      <source>选择…</source>
      <translation>Choose…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/office.py" line="166" />
      <source>写到（U盘或文件夹）</source>
      <translation>Write to (stick or folder)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/office.py" line="167" />
      <source>省局私钥口令</source>
      <translation>Office key passphrase</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/office.py" line="169" />
      <source>制作</source>
      <translation>Write</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/office.py" line="186" />
      <source>选择回执U盘或文件夹</source>
      <translation>Choose the answer stick or folder</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/office.py" line="202" />
      <source>请选择要写入的U盘或文件夹。</source>
      <translation>Choose the stick or folder to write to.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/office.py" line="206" />
      <source>请在列表中勾选要写回执的单位。</source>
      <translation>Tick the units to answer in the list.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/office.py" line="210" />
      <source>请输入省局私钥的口令。</source>
      <translation>Enter the office key's passphrase.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/office.py" line="239" />
      <source>{name}：回执 {r} 条，退回 {b} 期，通知 {n} 条</source>
      <translation>{name}: {r} receipts, {b} returned periods, {n} notices</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/office.py" line="246" />
      <source>另有 {n} 个单位没有新内容，未写回执。</source>
      <translation>{n} more units have nothing new; no answer written for them.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/office.py" line="248" />
      <source>已生成省局的回执签名密钥，office.pub 已更新：请把新的 office.pub 交各单位导入。</source>
      <translation>The office's answer signing key was created and office.pub updated: give every unit the new office.pub to import.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/office.py" line="249" />
      <source>没有需要写回执的单位。</source>
      <translation>No unit needs an answer.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/office.py" line="251" />
      <source>已写出 {n} 份回执。</source>
      <translation>{n} answers written.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/office.py" line="260" />
      <source>制作回执U盘…</source>
      <translation>Write answer stick…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/office.py" line="261" />
      <source>把回执、退回的报告期和通知写到U盘，送回各单位</source>
      <translation>Write receipts, returned periods and notices to a stick for the units</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/unit.py" line="36" />
      <source>已导入</source>
      <translation>Applied</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/unit.py" line="36" />
      <source>已导入过</source>
      <translation>Already applied</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/unit.py" line="36" />
      <source>拒收</source>
      <translation>Refused</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/unit.py" line="42" />
      <source>选择省局的回执U盘或文件夹</source>
      <translation>Choose the office's answer stick or folder</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/unit.py" line="53" />
      <source>正在导入省局回执…</source>
      <translation>Importing the office's answers…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/unit.py" line="67" />
      <source>导入省局回执</source>
      <translation>Import the office's answers</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/unit.py" line="71" />
      <source>另有 {n} 份回执是给其他单位的，已跳过。</source>
      <translation>{n} answers for other units were skipped.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/unit.py" line="74" />
      <source>回执已导入。</source>
      <translation>Answers applied.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/unit.py" line="74" />
      <source>有回执未能导入：请按每行的提示处理，本单位数据未作改动。</source>
      <translation>Some answers were refused: see each line; this unit's data is unchanged.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/unit.py" line="94" />
      <source>省局退回本报告期</source>
      <translation>The office returned this period</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/unit.py" line="110" />
      <source>原因：{reason}</source>
      <translation>Reason: {reason}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/unit.py" line="111" />
      <source>退回人：{who}　时间：{when}</source>
      <translation>By: {who}  At: {when}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/unit.py" line="114" />
      <source>任务 {task}：{text}</source>
      <translation>Task {task}: {text}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/unit.py" line="115" />
      <source>请按意见修改后重新提交审核并导出；省局收到后退回标记自动消除。</source>
      <translation>Make the changes asked for, submit the period again and export it; the mark clears when the office receives it.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/unit.py" line="124" />
      <source>省局通知</source>
      <translation>Notices from the office</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/answers/unit.py" line="145" />
      <source>标为已读</source>
      <translation>Mark as read</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/background.py" line="99" />
      <source>程序内部错误（{error}）：请把此信息告诉管理员。</source>
      <translation>Internal error ({error}): please tell your administrator.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/cli_process.py" line="135" />
      <source>后台程序异常退出（退出码 {code}）。</source>
      <translation>The background process stopped unexpectedly (exit code {code}).</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/cli_process.py" line="153" />
      <source>无法启动后台程序 {program}：安装可能不完整，请重新安装。</source>
      <translation>Cannot start the background process {program}: the installation may be incomplete, please reinstall.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/crash.py" line="47" />
      <source>无法完成操作</source>
      <translation>Could not complete the action</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/crash.py" line="53" />
      <source>错误详情已记录在 {path}，请把该文件交给管理员。</source>
      <translation> The details are logged in {path}; please give that file to your administrator.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/crash.py" line="56" />
      <source>程序出错</source>
      <translation>Program error</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/crash.py" line="57" />
      <source>程序遇到意外错误（{error}），刚才的操作可能没有完成。之前的修改都已保存，不受影响。</source>
      <translation>The program hit an unexpected error ({error}); the last action may not have finished. Earlier changes are saved and not affected.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/diagnostics.py" line="21" />
      <source>导出诊断信息…</source>
      <translation>Export diagnostics…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/diagnostics.py" line="22" />
      <source>日志、版本和校验结果打包成一个文件，交管理员或省局排查问题；不含填报内容和密钥</source>
      <translation>Logs, versions and check results in one file, for the administrator or the provincial office to look into a problem; holds no reported content and no keys</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/diagnostics.py" line="35" />
      <source>导出诊断信息到</source>
      <translation>Export diagnostics to</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/diagnostics.py" line="35" />
      <source>诊断信息 (*.zip)</source>
      <translation>Diagnostics (*.zip)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/diagnostics.py" line="46" />
      <source>正在收集诊断信息（校验数据库、审计记录和佐证材料）…</source>
      <translation>Collecting diagnostics (checking the database, the audit trail and the evidence files)…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/diagnostics.py" line="48" />
      <source>导出诊断信息失败</source>
      <translation>Exporting diagnostics failed</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/diagnostics.py" line="50" />
      <source>已写入 {path}（{size}）。请把这个文件交给管理员或省局。</source>
      <translation>Written to {path} ({size}). Please hand this file to the administrator or the provincial office.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/diagnostics.py" line="54" />
      <source>已导出诊断信息</source>
      <translation>Diagnostics exported</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/diagnostics.py" line="56" />
      <source>各项校验均通过。</source>
      <translation>All checks passed.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/damaged.py" line="24" />
      <source>数据库无法打开</source>
      <translation>Database cannot be opened</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/damaged.py" line="26" />
      <source>数据目录中的数据库无法打开</source>
      <translation>The database in the data folder cannot be opened</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/damaged.py" line="29" />
      <source>数据目录：{root}

原因：{message}

程序没有改动任何文件。可以从备份文件恢复：恢复时，现在的数据目录会被改名保留在旁边，不会被覆盖或删除。</source>
      <translation>Data folder: {root}

Reason: {message}

No file has been changed. You can restore from a backup file: the current data folder is renamed and kept beside it, never overwritten or deleted.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/damaged.py" line="37" />
      <source>从备份恢复…</source>
      <translation>Restore from backup…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/damaged.py" line="38" />
      <source>打开数据目录</source>
      <translation>Open data folder</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/damaged.py" line="39" />
      <source>退出</source>
      <translation>Quit</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/damaged.py" line="51" />
      <source>选择备份文件</source>
      <translation>Choose a backup file</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/damaged.py" line="51" />
      <source>planprogress 备份 (*.tar);;所有文件 (*)</source>
      <translation>planprogress backups (*.tar);;All files (*)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/damaged.py" line="58" />
      <source>正在从备份恢复…</source>
      <translation>Restoring from backup…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/evidence.py" line="35" />
      <source>可不填，如 照片、文件、会议记录</source>
      <translation>Optional, e.g. photo, document, minutes</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/evidence.py" line="41" />
      <source>修改佐证材料</source>
      <translation>Edit evidence</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/evidence.py" line="43" />
      <source>{name}（{size}）</source>
      <translation>{name} ({size})</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/evidence.py" line="47" />
      <source>所属期</source>
      <translation>Period</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/evidence.py" line="49" />
      <source>这份材料属于哪个报告期：2026-11（月）、2026-Q4（季度）或 2026（年度）；清空表示不限定</source>
      <translation>The reporting period this file belongs to: 2026-11 (month), 2026-Q4 (quarter) or 2026 (year); leave empty for none</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/evidence.py" line="51" />
      <source>只修改标题、类别和所属期，文件本身不变；修改会写入审计记录，可用 Ctrl+Z 撤销。</source>
      <translation>Only the title, category and period change, never the file itself; the change is audited and can be undone with Ctrl+Z.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/evidence.py" line="53" />
      <source>文件</source>
      <translation>File</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/evidence.py" line="54" />
      <source>标题</source>
      <translation>Title</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/evidence.py" line="55" />
      <source>类别</source>
      <translation>Category</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/guide.py" line="25" />
      <source>使用指南</source>
      <translation>User guide</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/guide.py" line="32" />
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/progress.py" line="25" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/progress.py" line="26" />
      <source>请稍候</source>
      <translation>Please wait</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/progress.py" line="45" />
      <source>已取消。</source>
      <translation>Cancelled.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/records.py" line="55" />
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/records.py" line="122" />
      <source>编辑措施</source>
      <translation>Edit measure</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/records.py" line="122" />
      <source>添加措施</source>
      <translation>Add measure</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/records.py" line="129" />
      <source>设定</source>
      <translation>Set</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/records.py" line="131" />
      <source>所属任务</source>
      <translation>Plan task</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/records.py" line="132" />
      <source>措施名称</source>
      <translation>Measure</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/records.py" line="133" />
      <source>责任部门</source>
      <translation>Department</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/records.py" line="134" />
      <source>责任人</source>
      <translation>Responsible</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/records.py" line="135" />
      <source>配合单位</source>
      <translation>Supporting units</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/records.py" line="136" />
      <source>开始日期</source>
      <translation>Start date</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/records.py" line="137" />
      <source>完成期限</source>
      <translation>Due date</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/records.py" line="165" />
      <source>编辑时间节点</source>
      <translation>Edit milestone</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/records.py" line="165" />
      <source>添加时间节点</source>
      <translation>Add milestone</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/records.py" line="171" />
      <source>目标值</source>
      <translation>Target value</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/records.py" line="173" />
      <source>如 %、个、人次</source>
      <translation>e.g. %, items, people</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/records.py" line="175" />
      <source>（不对应规划指标）</source>
      <translation>(not a plan indicator)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/records.py" line="180" />
      <source>实际值</source>
      <translation>Actual value</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/records.py" line="182" />
      <source>已完成</source>
      <translation>Done</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/records.py" line="184" />
      <source>所属</source>
      <translation>Belongs to</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/records.py" line="185" />
      <source>节点名称</source>
      <translation>Milestone</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/records.py" line="188" />
      <source>计量单位</source>
      <translation>Unit of measure</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/records.py" line="189" />
      <source>对应规划指标</source>
      <translation>Plan indicator</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/records.py" line="212" />
      <source>标记时间节点完成</source>
      <translation>Mark milestone done</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/records.py" line="217" />
      <source>时间节点</source>
      <translation>Milestones</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/records.py" line="218" />
      <source>完成日期</source>
      <translation>Done on</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/records.py" line="220" />
      <source>实际值（目标 {target}）</source>
      <translation>Actual value (target {target})</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="41" />
      <source>PDF 进度报告</source>
      <translation>Progress report (PDF)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="41" />
      <source>进度报告</source>
      <translation>progress report</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="41" />
      <source>Excel 台账</source>
      <translation>Ledger (Excel)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="41" />
      <source>台账</source>
      <translation>ledger</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="43" />
      <source>PDF 全省汇总报告</source>
      <translation>Provincial summary report (PDF)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="43" />
      <source>全省汇总报告</source>
      <translation>provincial summary report</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="44" />
      <source>Excel 全省汇总表</source>
      <translation>Provincial summary table (Excel)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="44" />
      <source>全省汇总表</source>
      <translation>provincial summary table</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="47" />
      <source>汇总数据</source>
      <translation>Collecting data</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="47" />
      <source>生成报告</source>
      <translation>Create report</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="48" />
      <source>PDF 文件 (*.pdf)</source>
      <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="48" />
      <source>Excel 工作簿 (*.xlsx)</source>
      <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="83" />
      <source>生成全省汇总报告</source>
      <translation>Create provincial summary report</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="109" />
      <source>内容</source>
      <translation>Content</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="112" />
      <source>规划</source>
      <translation>Plan</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="122" />
      <source>保存为</source>
      <translation>Save as</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="130" />
      <source>生成</source>
      <translation>Create</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="133" />
      <source>取消生成</source>
      <translation>Cancel report</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="136" />
      <source>打开</source>
      <translation>Open</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="138" />
      <source>打开所在文件夹</source>
      <translation>Open folder</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="184" />
      <source>{period}{what}</source>
      <translation>{period} {what}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="211" />
      <source>保存报告</source>
      <translation>Save report</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="237" />
      <source>请先选择报告的保存位置。</source>
      <translation>Choose where to save the report first.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="243" />
      <source>正在启动…</source>
      <translation>Starting…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="267" />
      <source>完成</source>
      <translation>Done</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="274" />
      <source>{n} 页</source>
      <translation>{n} page(s)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="276" />
      <source>{n} 行</source>
      <translation>{n} row(s)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="280" />
      <source>已生成{period}{what}：{path}（{amount}，{size}）</source>
      <translation>Created the {what} for {period}: {path} ({amount}, {size})</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="289" />
      <source>本期未报送：{units}。</source>
      <translation>Not submitted this period: {units}.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="289" />
      <source>、</source>
      <translation>, </translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="296" />
      <source>生成失败</source>
      <translation>Report failed</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="298" />
      <source>错误：{message}</source>
      <translation>Error: {message}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="302" />
      <source>正在取消…</source>
      <translation>Cancelling…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="308" />
      <source>已取消</source>
      <translation>Cancelled</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/report_dialog.py" line="310" />
      <source>已取消：没有生成文件。</source>
      <translation>Cancelled: no file was created.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/settings.py" line="18" />
      <source>设置</source>
      <translation>Settings</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/settings.py" line="22" />
      <source>临近到期提醒天数</source>
      <translation>Due-soon reminder days</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/settings.py" line="28" />
      <source>距完成期限不足这么多天、尚未完成的措施和时间节点显示黄灯；已过期限显示红灯。</source>
      <translation>Unfinished measures and milestones this close to their due date show a yellow light; past the due date, a red one.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/settings.py" line="30" />
      <source>临近到期提醒（天）</source>
      <translation>Due-soon reminder (days)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_office.py" line="28" />
      <source>省局汇总</source>
      <translation>Provincial office</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_office.py" line="29" />
      <source>这台电脑用于省局汇总各单位的进度包。</source>
      <translation>This computer collects the units' progress bundles for the provincial office.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_office.py" line="30" />
      <source>广东省监狱管理局</source>
      <translation>Guangdong Prison Administration</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_office.py" line="31" />
      <source>省局的数据目录只接收各单位导出的进度包，不直接填报进度。下一步设置第一个管理员。</source>
      <translation>The office's data folder only receives the bundles units export; nobody reports progress in it. Next: the first administrator.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_office.py" line="34" />
      <source>机关名称</source>
      <translation>Office name</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="48" />
      <source>欢迎使用规划进度填报</source>
      <translation>Welcome to plan progress reporting</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="49" />
      <source>第一次使用，请先建立数据目录。</source>
      <translation>First use: create the data folder.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="50" />
      <source>本单位使用（监狱、戒毒所等：填报、审核、导出进度包）</source>
      <translation>For this unit (a prison: report, review, export progress bundles)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="51" />
      <source>这是省局（汇总各单位的进度包）</source>
      <translation>This is the provincial office (collects the units' bundles)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="53" />
      <source>数据目录：{root}</source>
      <translation>Data folder: {root}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="69" />
      <source>本单位</source>
      <translation>This unit</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="70" />
      <source>单位代码会出现在U盘上的文件名里，由省局统一分配。</source>
      <translation>The unit code appears in file names on the USB stick; the provincial office assigns it.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="73" />
      <source>如 广州监狱</source>
      <translation>e.g. Guangzhou Prison</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="76" />
      <source>单位代码</source>
      <translation>Unit code</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="78" />
      <source>单位名称</source>
      <translation>Unit name</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="85" />
      <source>单位名称不能为空。</source>
      <translation>The unit name must not be empty.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="98" />
      <source>第一个管理员</source>
      <translation>First administrator</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="99" />
      <source>管理员管理用户和密钥；以后每次启动都要登录。</source>
      <translation>Administrators manage users and keys; every later start asks for a sign-in.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="104" />
      <source>用户名</source>
      <translation>User name</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="105" />
      <source>姓名</source>
      <translation>Full name</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="120" />
      <source>用户名不能为空。</source>
      <translation>The user name must not be empty.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="136" />
      <source>密钥</source>
      <translation>Keys</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="137" />
      <source>进度包用省局公钥加密，用本单位的签名密钥签名。</source>
      <translation>Bundles are encrypted to the office's public key and signed with this unit's signing key.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="139" />
      <source>省局下发的 office.pub（可以以后再导入）</source>
      <translation>office.pub from the provincial office (may be imported later)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="147" />
      <source>本单位的签名密钥将在点击“建立”时生成，保存在数据目录的 keys 文件夹中。</source>
      <translation>The unit's signing key is made when you click "Create" and kept in the data folder's keys folder.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="151" />
      <source>省局公钥文件</source>
      <translation>Office public key</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="152" />
      <source>签名密钥口令</source>
      <translation>Signing key passphrase</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="153" />
      <source>可不设；设置后每次导出都要输入</source>
      <translation>Optional; if set, every export asks for it</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="159" />
      <source>选择省局公钥</source>
      <translation>Choose the office public key</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="159" />
      <source>公钥 (*.pub);;所有文件 (*)</source>
      <translation>Public keys (*.pub);;All files (*)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="190" />
      <source>数据目录已建立</source>
      <translation>Data folder created</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="198" />
      <source>请记下这个编号：省局登记本单位的签名公钥时会与您核对。以后也可在“管理 → 单位信息”中查看。</source>
      <translation>Write this number down: the office compares it when it enrolls the unit's public key. It is also shown under Admin → Unit information.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="205" />
      <source>签名密钥编号</source>
      <translation>Signing key number</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="208" />
      <source>我已把恢复码抄在纸上</source>
      <translation>I have written the recovery code down on paper</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="240" />
      <source>建立数据目录</source>
      <translation>Create data folder</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="244" />
      <source>上一步</source>
      <translation>Back</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="245" />
      <source>下一步</source>
      <translation>Next</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="246" />
      <source>建立</source>
      <translation>Create</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="283" />
      <source>数据目录 {root} 已经建立过了：原有数据未改动。</source>
      <translation>The data folder {root} already exists: its data was not changed.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="293" />
      <source>省局数据目录已建立：{root}</source>
      <translation>Office data folder created: {root}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="316" />
      <source>已导入省局公钥。</source>
      <translation>The office public key was imported.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="316" />
      <source>尚未导入省局公钥：导出进度包前请在“管理”菜单中导入。</source>
      <translation>No office public key yet: import it from the Manage menu before exporting.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="318" />
      <source>{name}（{code}）的数据目录已建立：{root}
{office}</source>
      <translation>Data folder of {name} ({code}) created: {root}
{office}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/setup_wizard.py" line="329" />
      <source>无法读取公钥文件 {path}（{error}）。</source>
      <translation>Cannot read the public key file {path} ({error}).</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/sign_in.py" line="47" />
      <source>登录 — 规划进度填报</source>
      <translation>Sign in — plan progress reporting</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/sign_in.py" line="51" />
      <source>广东监狱规划进度填报</source>
      <translation>Guangdong prisons: plan progress</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/sign_in.py" line="61" />
      <source>密码</source>
      <translation>Password</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/sign_in.py" line="66" />
      <source>忘记密码（使用恢复码）…</source>
      <translation>Forgot the password (use the recovery code)…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/sign_in.py" line="72" />
      <source>登录</source>
      <translation>Sign in</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/sign_in.py" line="90" />
      <source>这个数据目录还没有可以登录的用户（是用命令行建立的）。请先在命令行为它添加管理员：
planprogress --home {home} user add 用户名 --role 管理员
然后重新打开本程序。</source>
      <translation>This data folder has no user who can sign in yet (it was made on the command line). First add an administrator on the command line:
planprogress --home {home} user add NAME --role admin
then open the program again.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/sign_in.py" line="99" />
      <source>请输入用户名。</source>
      <translation>Please enter the user name.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/sign_in.py" line="102" />
      <source>请输入密码。</source>
      <translation>Please enter the password.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/sign_in.py" line="124" />
      <source>新密码已设置，请用新密码登录。恢复码已作废，可在“用户管理”中重新生成。</source>
      <translation>New password set: sign in with it. The recovery code is used up; make a new one under Users.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/sign_in.py" line="133" />
      <source>用恢复码重设密码</source>
      <translation>Reset the password with the recovery code</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/sign_in.py" line="140" />
      <source>恢复码</source>
      <translation>Recovery code</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/sign_in.py" line="141" />
      <source>新密码</source>
      <translation>New password</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/sign_in.py" line="144" />
      <source>设置新密码</source>
      <translation>Set new password</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/unit_info.py" line="19" />
      <source>单位信息</source>
      <translation>Unit</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/unit_info.py" line="23" />
      <source>尚未生成（请管理员运行 planprogress keys init）</source>
      <translation>Not created yet (an administrator runs planprogress keys init)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/unit_info.py" line="30" />
      <source>规划目录</source>
      <translation>Plan catalog</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/unit_info.py" line="31" />
      <source>数据目录</source>
      <translation>Data folder</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/unit_info.py" line="33" />
      <source>省局登记本单位的签名公钥时，会与您核对这个编号。</source>
      <translation>The office compares this number with you when it enrolls the unit's public key.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/users.py" line="37" />
      <source>角色</source>
      <translation>Role</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/users.py" line="38" />
      <source>状态</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/users.py" line="38" />
      <source>在用</source>
      <translation>Active</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/users.py" line="38" />
      <source>已停用</source>
      <translation>Disabled</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/users.py" line="39" />
      <source>建立时间</source>
      <translation>Created</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/users.py" line="45" />
      <source>添加用户</source>
      <translation>Add user</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/users.py" line="54" />
      <source>初始密码</source>
      <translation>Initial password</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/users.py" line="59" />
      <source>重设密码：{name}</source>
      <translation>Reset password: {name}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/users.py" line="61" />
      <source>用户</source>
      <translation>User</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/users.py" line="68" />
      <source>新的恢复码</source>
      <translation>New recovery code</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/users.py" line="72" />
      <source>我已抄下</source>
      <translation>I have written it down</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/users.py" line="76" />
      <source>原来的恢复码已作废。</source>
      <translation>The previous recovery code no longer works.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/users.py" line="84" />
      <source>用户管理</source>
      <translation>Users</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/users.py" line="97" />
      <source>添加用户…</source>
      <translation>Add user…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/users.py" line="98" />
      <source>重设密码…</source>
      <translation>Reset password…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/users.py" line="99" />
      <source>停用/启用</source>
      <translation>Disable / enable</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/users.py" line="100" />
      <source>生成我的恢复码…</source>
      <translation>New recovery code for me…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/users.py" line="138" />
      <source>已添加用户 {name}。</source>
      <translation>User {name} added.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/users.py" line="144" />
      <source>请先在列表中选择一个用户。</source>
      <translation>Choose a user in the list first.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/users.py" line="151" />
      <source>已重设 {name} 的密码，账户锁定已解除。</source>
      <translation>Password of {name} reset; the lockout is cleared.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/users.py" line="159" />
      <source>不能停用当前登录的自己。</source>
      <translation>You cannot disable yourself while signed in.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/users.py" line="164" />
      <source>这是唯一在用的管理员，不能停用。</source>
      <translation>This is the only active administrator and cannot be disabled.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/dialogs/users.py" line="173" />
      <source>为 {name} 生成新的恢复码？原来的恢复码将作废。</source>
      <translation>Make a new recovery code for {name}? The previous one stops working.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/__init__.py" line="22" />
      <source>导出进度包…</source>
      <translation>Export progress bundle…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/__init__.py" line="24" />
      <source>把进度加密签名后写到U盘，交省局（Ctrl+E）</source>
      <translation>Encrypt, sign and write progress to a USB stick for the provincial office (Ctrl+E)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/columns.py" line="17" />
      <source>完整</source>
      <translation>Full</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/columns.py" line="17" />
      <source>变化</source>
      <translation>Changes</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/columns.py" line="24" />
      <source>类型</source>
      <translation>Type</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/columns.py" line="25" />
      <source>导出时间</source>
      <translation>Exported</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/columns.py" line="26" />
      <source>记录</source>
      <translation>Records</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/columns.py" line="27" />
      <source>材料</source>
      <translation>Evidence</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/columns.py" line="28" />
      <source>大小</source>
      <translation>Size</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/columns.py" line="29" />
      <source>当时写到</source>
      <translation>Written to</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/columns.py" line="32" />
      <source>省局回执</source>
      <translation>Office's answer</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/columns.py" line="61" />
      <source>随数据包导出</source>
      <translation>Goes in the bundle</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/columns.py" line="61" />
      <source>随数据包导出（未启用审核）</source>
      <translation>Goes in the bundle (review not in use)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/columns.py" line="62" />
      <source>留在本机：尚未审核通过</source>
      <translation>Stays on this computer: not approved yet</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/columns.py" line="66" />
      <source>审核状态</source>
      <translation>Review state</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/columns.py" line="67" />
      <source>本次导出</source>
      <translation>This export</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/run_page.py" line="37" />
      <source>准备</source>
      <translation>Preparing</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/run_page.py" line="38" />
      <source>加密并写入</source>
      <translation>Encrypting and writing</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/run_page.py" line="39" />
      <source>从U盘读回校验</source>
      <translation>Reading back from the USB stick to verify</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/run_page.py" line="47" />
      <source>正在导出</source>
      <translation>Exporting</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/run_page.py" line="48" />
      <source>请不要拔出U盘。可以随时取消：取消不会留下数据包，也不会改动本机数据。</source>
      <translation>Do not remove the USB stick. You can cancel at any time: cancelling leaves no bundle behind and changes nothing on this computer.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/run_page.py" line="49" />
      <source>签名密钥的口令</source>
      <translation>Signing key passphrase</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/run_page.py" line="60" />
      <source>取消导出</source>
      <translation>Cancel export</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/run_page.py" line="81" />
      <source>目标：{path}</source>
      <translation>Destination: {path}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/run_page.py" line="114" />
      <source>本机数据没有任何改动。处理好后可以点“重试”。</source>
      <translation>Nothing on this computer was changed. Once the problem is fixed, click "Retry".</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/run_page.py" line="115" />
      <source>导出失败</source>
      <translation>Export failed</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/run_page.py" line="122" />
      <source>确定取消吗？不会留下数据包，导出序号不变，本机数据不受影响。</source>
      <translation>Cancel the export? No bundle is left behind, the export number stays the same and the data on this computer is not affected.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/run_page.py" line="140" />
      <source>已取消导出：没有生成数据包，导出序号未变。</source>
      <translation>Export cancelled: no bundle was made and the export number is unchanged.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/run_page.py" line="152" />
      <source>导出完成</source>
      <translation>Export finished</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/run_page.py" line="153" />
      <source>请安全弹出U盘，交省局导入。数据包已加密，丢失也不会泄露内容。</source>
      <translation>Eject the USB stick safely and hand it to the provincial office for import. The bundle is encrypted: if it is lost, nobody can read it.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/run_page.py" line="167" />
      <source>数据包</source>
      <translation>Bundle</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/run_page.py" line="171" />
      <source>校验</source>
      <translation>Check</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/run_page.py" line="172" />
      <source>留在本机</source>
      <translation>Stays on this computer</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/run_page.py" line="187" />
      <source>重新写出的数据包（与原来的完全相同）</source>
      <translation>Bundle written again (identical to the original)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/run_page.py" line="189" />
      <source>完整数据包</source>
      <translation>Full bundle</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/run_page.py" line="189" />
      <source>变化数据包</source>
      <translation>Changes bundle</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/run_page.py" line="193" />
      <source>{size}（{n} 个分卷）</source>
      <translation>{size} ({n} part(s))</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/run_page.py" line="195" />
      <source>已从目标读回并校验通过：签名有效，哈希全部相符。</source>
      <translation>Read back from the destination and verified: the signature is valid and all hashes match.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/run_page.py" line="198" />
      <source>{periods}：尚未审核通过，审核通过后随下一个数据包导出。</source>
      <translation>{periods}: not approved yet; they go in the next bundle after approval.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/run_page.py" line="200" />
      <source>无：所有报告期的进度都已导出。</source>
      <translation>None: progress for every reporting period has been exported.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/target_page.py" line="37" />
      <source>写到哪里</source>
      <translation>Where to write</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/target_page.py" line="38" />
      <source>插好U盘后从列表中选择；也可以选择任意文件夹。</source>
      <translation>Plug in a USB stick and choose it from the list, or choose any folder.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/target_page.py" line="42" />
      <source>没有找到U盘：请插好U盘后点“刷新”，或点“其他文件夹…”。</source>
      <translation>No USB stick found: plug one in and click "Refresh", or click "Other folder…".</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/target_page.py" line="44" />
      <source>刷新</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/target_page.py" line="46" />
      <source>其他文件夹…</source>
      <translation>Other folder…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/target_page.py" line="53" />
      <source>尚未选择</source>
      <translation>Nothing chosen yet</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/target_page.py" line="59" />
      <source>本单位签名密钥的口令</source>
      <translation>Passphrase of this unit's signing key</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/target_page.py" line="61" />
      <source>签名口令</source>
      <translation>Signing passphrase</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/target_page.py" line="64" />
      <source>目标</source>
      <translation>Target</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/target_page.py" line="65" />
      <source>空间</source>
      <translation>Space</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/target_page.py" line="103" />
      <source>选择目标文件夹</source>
      <translation>Choose the destination folder</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/target_page.py" line="123" />
      <source>请选择U盘或文件夹。</source>
      <translation>Choose a USB stick or a folder.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/target_page.py" line="126" />
      <source>无法打开 {path}：U盘可能已拔出。请插好后点“刷新”。</source>
      <translation>Cannot open {path}: the USB stick may have been removed. Plug it in and click "Refresh".</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/target_page.py" line="133" />
      <source>{path} 剩余空间不足：数据包约需 {size}，只剩 {free}。请换一个更大的U盘，或清理出空间后点“刷新”。</source>
      <translation>Not enough space on {path}: the bundle needs about {size}, only {free} is free. Use a larger USB stick, or free some space and click "Refresh".</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/target_page.py" line="144" />
      <source>数据包约 {size}，可用 {free}：空间足够。</source>
      <translation>The bundle is about {size}, {free} is free: enough space.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/targets.py" line="128" />
      <source>名称</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/targets.py" line="129" />
      <source>位置</source>
      <translation>Location</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/targets.py" line="130" />
      <source>可用空间</source>
      <translation>Free space</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/targets.py" line="131" />
      <source>总容量</source>
      <translation>Capacity</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/wizard.py" line="54" />
      <source>导出内容</source>
      <translation>What to export</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/wizard.py" line="55" />
      <source>进度包用省局公钥加密、用本单位密钥签名，只有省局能打开。</source>
      <translation>The bundle is encrypted to the provincial office's public key and signed with this unit's key; only the provincial office can open it.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/wizard.py" line="58" />
      <source>完整数据包：本单位的全部数据（省局要求重新同步时使用）</source>
      <translation>Full bundle: all of this unit's data (when the provincial office asks for a resync)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/wizard.py" line="59" />
      <source>重新写出以前的数据包（U盘丢失或损坏时）</source>
      <translation>Write an earlier bundle again (if the USB stick was lost or damaged)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/wizard.py" line="69" />
      <source>只有审核通过的报告期，其进度才会导出；要导出某个报告期，请先在“审核”页通过它。</source>
      <translation>Only progress of approved reporting periods is exported; to export a period, approve it on the Review page first.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/wizard.py" line="79" />
      <source>各报告期的进度</source>
      <translation>Progress by reporting period</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/wizard.py" line="104" />
      <source>变化数据包：上次导出以来新增和修改的内容（推荐）</source>
      <translation>Changes bundle: what was added or changed since the last export (recommended)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/wizard.py" line="107" />
      <source>更换签名密钥后的第一次导出：完整数据包（省局只接收新密钥签名的数据包）</source>
      <translation>First export after the signing key was replaced: full bundle (the office only accepts bundles signed with the new key)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/wizard.py" line="110" />
      <source>第一次导出：完整数据包</source>
      <translation>First export: full bundle</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/wizard.py" line="138" />
      <source>请在上表中选择要重新写出的数据包。</source>
      <translation>Choose the bundle to write again in the table above.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/wizard.py" line="148" />
      <source>正在计算数据包大小…</source>
      <translation>Working out the bundle size…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/wizard.py" line="160" />
      <source>原样重新写出第 {seq} 号数据包</source>
      <translation>Write bundle no. {seq} again, unchanged</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/wizard.py" line="163" />
      <source>第 {seq} 号{kind}：{records} 条记录，{evidence} 份佐证材料（{files}）</source>
      <translation>{kind} no. {seq}: {records} record(s), {evidence} evidence file(s) ({files})</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/wizard.py" line="170" />
      <source>{what}。预计占用 {size}。</source>
      <translation>{what}. Needs about {size}.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/wizard.py" line="172" />
      <source>以下报告期尚未审核通过，其进度留在本机：{periods}</source>
      <translation>These reporting periods are not approved yet; their progress stays on this computer: {periods}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/wizard.py" line="202" />
      <source>导出进度包</source>
      <translation>Export progress bundle</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/wizard.py" line="202" />
      <source>开始导出</source>
      <translation>Start export</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/export/wizard.py" line="243" />
      <source>导出正在进行。确定取消吗？
取消后不会留下数据包，导出序号不变，本机数据不受影响。</source>
      <translation>The export is running. Cancel it?
No bundle is left behind, the export number stays the same and the data on this computer is not affected.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/format.py" line="22" />
      <source>一</source>
      <translation>1</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/format.py" line="22" />
      <source>二</source>
      <translation>2</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/format.py" line="22" />
      <source>三</source>
      <translation>3</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/format.py" line="22" />
      <source>四</source>
      <translation>4</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/format.py" line="50" />
      <source>逾期 {n} 天</source>
      <translation>{n} days overdue</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/format.py" line="52" />
      <source>今天到期</source>
      <translation>due today</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/format.py" line="53" />
      <source>还有 {n} 天</source>
      <translation>{n} days left</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/format.py" line="60" />
      <source>{year}年{month}月</source>
      <translation>{month}/{year}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/format.py" line="62" />
      <source>{year}年第{quarter}季度</source>
      <translation>Q{quarter} {year}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/format.py" line="63" />
      <source>{year}年度</source>
      <translation>{year}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/home_actions.py" line="35" />
      <source>备份数据…</source>
      <translation>Back up…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/home_actions.py" line="39" />
      <source>注销（切换用户）</source>
      <translation>Sign out (switch user)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/home_actions.py" line="41" />
      <source>用户管理…</source>
      <translation>Users…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/home_actions.py" line="42" />
      <source>设置…</source>
      <translation>Settings…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/home_actions.py" line="45" />
      <source>关于</source>
      <translation>About</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/home_actions.py" line="70" />
      <source>备份到</source>
      <translation>Back up to</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/home_actions.py" line="70" />
      <source>planprogress 备份 (*.tar)</source>
      <translation>planprogress backups (*.tar)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/home_actions.py" line="80" />
      <source>正在备份…</source>
      <translation>Backing up…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/home_actions.py" line="82" />
      <source>备份失败</source>
      <translation>Backup failed</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/home_actions.py" line="85" />
      <source>已备份到 {path}（{files} 个文件，{size}）</source>
      <translation>Backed up to {path} ({files} files, {size})</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/home_actions.py" line="102" />
      <source>用备份 {name} 替换当前数据？
现在的数据目录会被改名保留在旁边（不会删除），恢复后需要重新登录。</source>
      <translation>Replace the current data with the backup {name}?
The current data folder is renamed and kept beside it (not deleted); sign in again afterwards.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/home_actions.py" line="105" />
      <source>从备份恢复</source>
      <translation>Restore from backup</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/home_actions.py" line="116" />
      <source>恢复失败</source>
      <translation>Restore failed</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/home_actions.py" line="116" />
      <source>{error}
当前数据未被改动，程序将重新打开。</source>
      <translation>{error}
The current data was not changed; the program reopens it.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/home_actions.py" line="122" />
      <source>恢复完成</source>
      <translation>Restored</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/home_actions.py" line="123" />
      <source>已从备份恢复。原来的数据目录保留在：
{kept}
请重新登录。</source>
      <translation>Restored from the backup. The previous data folder is kept at:
{kept}
Please sign in again.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/home_actions.py" line="146" />
      <source>正在校验佐证材料…</source>
      <translation>Verifying evidence files…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/home_actions.py" line="148" />
      <source>校验失败</source>
      <translation>Verification failed</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/home_actions.py" line="153" />
      <source>以下文件缺失或被改动，请从备份恢复，或让相关单位重新导出完整数据包：
</source>
      <translation>These files are missing or altered; restore them from a backup, or ask the unit concerned to export a full bundle again:
</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/home_actions.py" line="155" />
      <source>以下材料缺失或被改动，请从备份恢复：
</source>
      <translation>These files are missing or altered; restore them from a backup:
</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/home_actions.py" line="156" />
      <source>佐证材料校验未通过</source>
      <translation>Evidence verification failed</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/home_actions.py" line="158" />
      <source>全部 {n} 个佐证文件完好。</source>
      <translation>All {n} evidence files are intact.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/home_actions.py" line="158" />
      <source>全部 {n} 份佐证材料完好。</source>
      <translation>All {n} evidence files are intact.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/home_actions.py" line="159" />
      <source>校验通过</source>
      <translation>Verified</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/home_actions.py" line="169" />
      <source>广东监狱规划进度填报
版本 {version}
数据目录：{root}</source>
      <translation>Guangdong prisons: plan progress
Version {version}
Data folder: {root}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/main_window.py" line="27" />
      <source>文件(&amp;F)</source>
      <translation>&amp;File</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/main_window.py" line="28" />
      <source>编辑(&amp;E)</source>
      <translation>&amp;Edit</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/main_window.py" line="29" />
      <source>视图(&amp;V)</source>
      <translation>&amp;View</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/main_window.py" line="30" />
      <source>审核(&amp;R)</source>
      <translation>&amp;Review</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/main_window.py" line="31" />
      <source>管理(&amp;M)</source>
      <translation>&amp;Manage</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/main_window.py" line="32" />
      <source>帮助(&amp;H)</source>
      <translation>&amp;Help</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/main_window.py" line="45" />
      <source>{unit} — 广东监狱规划进度填报</source>
      <translation>{unit} — Guangdong prisons: plan progress</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/main_window.py" line="56" />
      <source>主工具栏</source>
      <translation>Main toolbar</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/main_window.py" line="69" />
      <source>{name}（{role}）</source>
      <translation>{name} ({role})</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/main_window.py" line="73" />
      <source>{unit}　数据目录 {root}</source>
      <translation>{unit}   data folder {root}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/main_window.py" line="78" />
      <source>撤销</source>
      <translation>Undo</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/main_window.py" line="119" />
      <source>{title}（{shortcut}）</source>
      <translation>{title} ({shortcut})</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit.py" line="11" />
      <source>新增</source>
      <translation>Added</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit.py" line="11" />
      <source>修改</source>
      <translation>Changed</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit.py" line="11" />
      <source>删除</source>
      <translation>Delete</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit.py" line="11" />
      <source>事件</source>
      <translation>Event</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit.py" line="13" />
      <source>措施</source>
      <translation>Measures</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit.py" line="15" />
      <source>进度</source>
      <translation>Progress</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit.py" line="16" />
      <source>佐证材料</source>
      <translation>Evidence</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit.py" line="17" />
      <source>审核</source>
      <translation>Review</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit.py" line="33" />
      <source>登录成功</source>
      <translation>signed in</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit.py" line="33" />
      <source>密码错误</source>
      <translation>wrong password</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit.py" line="42" />
      <source>：{comment}</source>
      <translation>: {comment}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit.py" line="51" />
      <source>{title}（{fields}）</source>
      <translation>{title} ({fields})</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit.py" line="54" />
      <source>，</source>
      <translation>, </translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit.py" line="61" />
      <source>时间</source>
      <translation>Time</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit.py" line="63" />
      <source>操作</source>
      <translation>Action</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit.py" line="64" />
      <source>对象</source>
      <translation>Record</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="23" />
      <source>所属措施</source>
      <translation>Measure</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="25" />
      <source>所属事项</source>
      <translation>Belongs to</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="31" />
      <source>期限</source>
      <translation>Due</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="34" />
      <source>对应指标</source>
      <translation>Indicator</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="39" />
      <source>完成百分比</source>
      <translation>Percent done</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="40" />
      <source>进展说明</source>
      <translation>Narrative</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="43" />
      <source>审核意见</source>
      <translation>Review comment</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="48" />
      <source>连续输错次数</source>
      <translation>Failed attempts in a row</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="49" />
      <source>已生成恢复码</source>
      <translation>Recovery code issued</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="50" />
      <source>恢复码核对通过</source>
      <translation>Recovery code accepted</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="52" />
      <source>文件名</source>
      <translation>File name</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="55" />
      <source>文件类型</source>
      <translation>File type</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="56" />
      <source>SHA-256</source>
      <translation>SHA-256</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="61" />
      <source>写到</source>
      <translation>Written to</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="62" />
      <source>留在本机的报告期</source>
      <translation>Periods kept on this computer</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="63" />
      <source>数据包哈希</source>
      <translation>Bundle hash</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="65" />
      <source>密钥编号</source>
      <translation>Key id</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="66" />
      <source>登记结果</source>
      <translation>Enrolment result</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="67" />
      <source>原因</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="68" />
      <source>最近序号</source>
      <translation>Last no.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="69" />
      <source>重新同步</source>
      <translation>Resync</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="70" />
      <source>编号</source>
      <translation>Id</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="71" />
      <source>记录标识</source>
      <translation>Record id</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="72" />
      <source>创建时间</source>
      <translation>Created at</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="73" />
      <source>修改时间</source>
      <translation>Changed at</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="74" />
      <source>填报人</source>
      <translation>Reported by</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="75" />
      <source>添加人</source>
      <translation>Added by</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="76" />
      <source>添加时间</source>
      <translation>Added at</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="86" />
      <source>提交审核</source>
      <translation>Submit for review</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="87" />
      <source>审核通过</source>
      <translation>approved</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="89" />
      <source>重新打开</source>
      <translation>Reopen</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="90" />
      <source>导出</source>
      <translation>Export</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="91" />
      <source>重新写出</source>
      <translation>Write again</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="92" />
      <source>登记公钥</source>
      <translation>Enrol key</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="93" />
      <source>吊销</source>
      <translation>Revoke</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="94" />
      <source>允许重新同步</source>
      <translation>Resync allowed</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="95" />
      <source>更换签名密钥</source>
      <translation>Signing key replaced</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="96" />
      <source>搁置数据包</source>
      <translation>Bundle set aside</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="100" />
      <source>新登记</source>
      <translation>Newly enrolled</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="101" />
      <source>更换密钥</source>
      <translation>Key changed</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="102" />
      <source>重新登记</source>
      <translation>Re-enrolled</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="103" />
      <source>未改动</source>
      <translation>Unchanged</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="105" />
      <source>已修改</source>
      <translation>Changed</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="105" />
      <source>已用恢复码重设</source>
      <translation>Reset with recovery code</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="144" />
      <source>是</source>
      <translation>yes</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="144" />
      <source>否</source>
      <translation>no</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/audit_fields.py" line="211" />
      <source>{label}：{value}</source>
      <translation>{label}: {value}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/period_grid.py" line="48" />
      <source>任务 / 措施</source>
      <translation>Task / measure</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/period_grid.py" line="51" />
      <source>本期进展说明</source>
      <translation>Progress note for the period</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/period_grid.py" line="52" />
      <source>上期说明（可沿用）</source>
      <translation>Last period's note (to copy)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/period_grid.py" line="172" />
      <source>未填报</source>
      <translation>Not reported</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/period_grid.py" line="186" />
      <source>{period} 的说明：
{note}</source>
      <translation>Note of {period}:
{note}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/period_grid.py" line="189" />
      <source>尚未填报：填写后即保存为本期。</source>
      <translation>Not reported yet: what you enter is saved for this period.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/period_grid.py" line="190" />
      <source>本期尚未填报：显示的是 {period} 的数值，修改后即保存为本期。</source>
      <translation>Not reported for this period: showing the values of {period}; a change is saved for this period.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/plan_tree.py" line="73" />
      <source>{status}（沿用{period}）</source>
      <translation>{status} (from {period})</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/plan_tree.py" line="74" />
      <source>{status}（据措施）</source>
      <translation>{status} (from measures)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/plan_tree.py" line="75" />
      <source>已调整（{status}）</source>
      <translation>Adjusted ({status})</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/plan_tree.py" line="138" />
      <source>{count} 项逾期或滞后</source>
      <translation>{count} overdue or lagging</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/plan_tree.py" line="259" />
      <source>【省局意见】</source>
      <translation>[Office comment] </translation>
    </message>
    <message>
      <location filename="../../desktop/ui/models/plan_tree.py" line="269" />
      <source>省局意见：{text}</source>
      <translation>Office comment: {text}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="41" />
      <source>工程</source>
      <translation>Projects</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="41" />
      <source>指标</source>
      <translation>Targets</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="41" />
      <source>已撤销</source>
      <translation>Retired</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="45" />
      <source>目录编号</source>
      <translation>Catalog ID</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="46" />
      <source>版本</source>
      <translation>Version</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="47" />
      <source>规划名称</source>
      <translation>Plan title</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="48" />
      <source>年份</source>
      <translation>Years</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="54" />
      <source>发布</source>
      <translation>Issued</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="55" />
      <source>随程序附带</source>
      <translation>shipped with the program</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="56" />
      <source>发布人：{who}</source>
      <translation>Issued by: {who}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="64" />
      <source>问题</source>
      <translation>Problem</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="70" />
      <source>与已发布的版本 {version} 相比：</source>
      <translation>Compared with the issued version {version}:</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="71" />
      <source>改写</source>
      <translation>Reworded</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="72" />
      <source>{what} {n} 项</source>
      <translation>{what}: {n}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="73" />
      <source>：{keys}</source>
      <translation>: {keys}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="78" />
      <source>{title}（{id} 版本 {version}）</source>
      <translation>{title} ({id} version {version})</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="95" />
      <source>省局发布的规划随下一份回执送达各单位。新规划或新版本：先生成模板，在 Excel 或 WPS 中填写，再导入；导入时逐项检查，有问题的文件什么都不保存。</source>
      <translation>Plans issued by the office reach the units with the next answer. For a new plan or version: write the template, fill it in with Excel or WPS, then import it; every rule is checked on import and a file with problems stores nothing.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="102" />
      <source>生成模板…</source>
      <translation>Write template…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="104" />
      <source>导入规划目录…</source>
      <translation>Import plan catalog…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="114" />
      <source>已有的规划目录</source>
      <translation>Plan catalogs held</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="124" />
      <source>新版本的改动</source>
      <translation>Changes of the new version</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="127" />
      <source>发布此版本</source>
      <translation>Issue this version</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="157" />
      <source>保存规划目录模板</source>
      <translation>Save plan catalog template</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="157" />
      <source>规划目录模板.xlsx</source>
      <translation>plan-catalog-template.xlsx</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="165" />
      <source>{path} 已存在：请换一个文件名，以免覆盖已填写的内容。</source>
      <translation>{path} already exists: choose another file name so nothing filled in is overwritten.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="173" />
      <source>无法保存模板到 {path}（{error}）：请换一个位置。</source>
      <translation>Cannot save the template to {path} ({error}): choose another place.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="177" />
      <source>已生成规划目录模板：{path}。在 Excel 或 WPS 中填写（先读“填写说明”），再点“导入规划目录…”。</source>
      <translation>Template written: {path}. Fill it in with Excel or WPS (read the instructions sheet first), then click “Import plan catalog…”.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="187" />
      <source>选择规划目录文件</source>
      <translation>Choose a plan catalog file</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="188" />
      <source>规划目录 (*.xlsx *.json);;Excel 工作簿 (*.xlsx);;JSON 文件 (*.json);;所有文件 (*)</source>
      <translation>Plan catalogs (*.xlsx *.json);;Excel workbooks (*.xlsx);;JSON files (*.json);;All files (*)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="197" />
      <source>正在检查 {name}…</source>
      <translation>Checking {name}…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="219" />
      <source>无法检查这个文件：{message}（什么都没有保存。）</source>
      <translation>This file could not be checked: {message} (nothing was stored.)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="226" />
      <source>{name} 有 {n} 处问题，什么都没有保存：请按下表改正后重新导入。</source>
      <translation>{name} has {n} problem(s); nothing was stored. Correct them as listed below and import again.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="233" />
      <source>{name} 已经发布过，内容相同：未作改动。</source>
      <translation>{name} was already issued with the same content: nothing changed.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="238" />
      <source>{name} 是已发布规划的新版本：请核对下面的改动，无误后点“发布此版本”。</source>
      <translation>{name} is a new version of an issued plan: check the changes below, then click “Issue this version”.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="251" />
      <source>已取消，什么都没有保存。</source>
      <translation>Cancelled; nothing was stored.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="265" />
      <source>已发布 {name}：随下一份回执送达各单位（制作回执U盘）。</source>
      <translation>Issued {name}: it reaches the units with the next answer (make the answer stick).</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="271" />
      <source>{name} 的问题（{n} 处）：什么都没有保存</source>
      <translation>Problems in {name} ({n}): nothing was stored</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/catalogs_page.py" line="278" />
      <source>新版本的改动：{name}</source>
      <translation>Changes of the new version: {name}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/drill_columns.py" line="21" />
      <source>{status}（沿用 {period}）</source>
      <translation>{status} (from {period})</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/drill_columns.py" line="26" />
      <source>按措施汇总</source>
      <translation>From measures</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/drill_columns.py" line="46" />
      <source>已完成/全部</source>
      <translation>Done / all</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/drill_columns.py" line="75" />
      <source>实际</source>
      <translation>Actual</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/drill_columns.py" line="76" />
      <source>未完成</source>
      <translation>not done</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/drill_columns.py" line="96" />
      <source>归属</source>
      <translation>Belongs to</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/drill_columns.py" line="101" />
      <source>添加人：{who}</source>
      <translation>Added by: {who}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/drilldown.py" line="70" />
      <source>退回本期…</source>
      <translation>Return this period…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/drilldown.py" line="71" />
      <source>把该单位本报告期退回重报：写明原因，可对各项任务写意见</source>
      <translation>Send this unit's period back: give the reason, and comments per task if needed</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/drilldown.py" line="87" />
      <source>措施与进度</source>
      <translation>Measures and progress</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/drilldown.py" line="115" />
      <source>请先选择单位。</source>
      <translation>Choose a unit first.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/drilldown.py" line="131" />
      <source>另存副本…</source>
      <translation>Save a copy…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/drilldown.py" line="198" />
      <source>还没有登记任何单位。</source>
      <translation>No unit is enrolled yet.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/drilldown.py" line="213" />
      <source>最近接收第 {seq} 号数据包（{when}）</source>
      <translation>Last received bundle no. {seq} ({when})</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/drilldown.py" line="215" />
      <source>尚未收到数据包</source>
      <translation>No bundle received yet</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/drilldown.py" line="217" />
      <source>　已吊销（{when}）</source>
      <translation>   revoked ({when})</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/drilldown.py" line="219" />
      <source>{name}　{period}　{last}{state}</source>
      <translation>{name}   {period}   {last}{state}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/drilldown.py" line="244" />
      <source>在左侧选择一项任务。</source>
      <translation>Choose a task on the left.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/drilldown.py" line="266" />
      <source>选择一份材料，校验通过后在此预览。</source>
      <translation>Choose a file: it is previewed here once verified.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/drilldown.py" line="273" />
      <source>正在校验…</source>
      <translation>Verifying…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/drilldown.py" line="274" />
      <source>正在校验文件…</source>
      <translation>Verifying the file…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/drilldown.py" line="286" />
      <source>文件缺失：请让 {unit} 重新导出完整数据包。</source>
      <translation>File missing: ask {unit} to export a full bundle again.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/drilldown.py" line="289" />
      <source>文件已被改动（哈希不符），不予显示：请从备份恢复或让单位重新导出。</source>
      <translation>The file was altered (hash differs) and is not shown: restore it from a backup or ask the unit to export again.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/drilldown.py" line="292" />
      <source>校验通过：与单位报送的文件一致。</source>
      <translation>Verified: identical to the file the unit sent.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/drilldown.py" line="301" />
      <source>另存佐证材料</source>
      <translation>Save a copy of the evidence</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/drilldown.py" line="310" />
      <source>已另存（哈希校验通过）：{path}</source>
      <translation>Copy saved (hash verified): {path}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/import_wizard.py" line="40" />
      <source>复制到暂存区</source>
      <translation>Copying to staging</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/import_wizard.py" line="41" />
      <source>校验签名和哈希</source>
      <translation>Checking signatures and hashes</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/import_wizard.py" line="42" />
      <source>解密并检查内容</source>
      <translation>Decrypting and checking contents</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/import_wizard.py" line="43" />
      <source>合并</source>
      <translation>Merging</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/import_wizard.py" line="61" />
      <source>从哪里导入</source>
      <translation>Where to import from</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/import_wizard.py" line="62" />
      <source>插入各单位交来的U盘，选择它；也可以选择存放数据包的任意文件夹。</source>
      <translation>Plug in a USB stick from a unit and choose it, or choose any folder that holds bundles.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/import_wizard.py" line="70" />
      <source>没有找到U盘：插好后点“刷新”，或点“其他文件夹…”。</source>
      <translation>No USB stick found: plug one in and click "Refresh", or click "Other folder…".</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/import_wizard.py" line="78" />
      <source>省局私钥的口令</source>
      <translation>Passphrase of the office private key</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/import_wizard.py" line="81" />
      <source>找到的数据包</source>
      <translation>Bundles found</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/import_wizard.py" line="82" />
      <source>私钥口令</source>
      <translation>Private key passphrase</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/import_wizard.py" line="107" />
      <source>选择存放数据包的文件夹</source>
      <translation>Choose the folder that holds the bundles</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/import_wizard.py" line="117" />
      <source>{folder} 中有 {n} 个：{names}</source>
      <translation>{n} in {folder}: {names}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/import_wizard.py" line="136" />
      <source>正在导入</source>
      <translation>Importing</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/import_wizard.py" line="137" />
      <source>每个数据包先复制到暂存区，校验签名和哈希后才解密；有问题的数据包不会改动任何数据。</source>
      <translation>Each bundle is first copied to a staging area and decrypted only after its signature and hashes check out; a faulty bundle changes no data.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/import_wizard.py" line="185" />
      <source>{error}
没有导入任何数据包，省局数据未改动。</source>
      <translation>{error}
No bundle was imported; the office data is unchanged.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/import_wizard.py" line="186" />
      <source>导入未进行</source>
      <translation>Import not started</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/import_wizard.py" line="196" />
      <source>导入结果</source>
      <translation>Import results</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/import_wizard.py" line="206" />
      <source>搁置原因（写入审计记录），如：单位已吊销，数据包作废</source>
      <translation>Reason (goes into the audit trail), e.g. unit revoked, bundle void</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/import_wizard.py" line="207" />
      <source>搁置所选数据包</source>
      <translation>Set the selected bundle aside</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/import_wizard.py" line="208" />
      <source>被吊销单位或已停用密钥签名的数据包：搁置后，再导入同一U盘时不再显示为拒收</source>
      <translation>A bundle from a revoked unit or a retired key: once set aside, importing the same stick no longer shows it as refused</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/import_wizard.py" line="258" />
      <source>已搁置 {name}：以后导入含有它的U盘时不再显示为拒收。</source>
      <translation>{name} set aside: importing a stick that holds it no longer shows it as refused.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/import_wizard.py" line="270" />
      <source>{n} 个已接收或已导入过</source>
      <translation>{n} accepted or already imported</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/import_wizard.py" line="272" />
      <source>{n} 个暂存待补</source>
      <translation>{n} waiting for an earlier bundle</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/import_wizard.py" line="275" />
      <source>{n} 个未接收（已隔离，原因见下表，也可在“单位与密钥”页的导入记录中查看）</source>
      <translation>{n} not accepted (quarantined; reasons in the table below and in the import log on the Units and keys page)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/import_wizard.py" line="278" />
      <source>{n} 个此前已搁置、未再导入</source>
      <translation>{n} set aside earlier, not imported again</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/import_wizard.py" line="279" />
      <source>共 {n} 个数据包：{parts}。</source>
      <translation>{n} bundles: {parts}.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/import_wizard.py" line="281" />
      <source>另有 {n} 个此前暂存的数据包补齐后已导入。</source>
      <translation>Also {n} bundles waiting from earlier imports were imported once the gap closed.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/import_wizard.py" line="290" />
      <source>导入进度包</source>
      <translation>Import progress bundles</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/import_wizard.py" line="290" />
      <source>开始导入</source>
      <translation>Start import</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/import_wizard.py" line="301" />
      <source>导入正在进行，请等它完成（每个数据包要么完整导入，要么不改动任何数据）。</source>
      <translation>The import is running; please wait for it to finish (each bundle is either imported whole or changes nothing).</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/indicators.py" line="49" />
      <source>暂无</source>
      <translation>None yet</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/intake_lines.py" line="57" />
      <source>（暂存后补入）</source>
      <translation> (held earlier, now merged)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/intake_lines.py" line="60" />
      <source>结果</source>
      <translation>Result</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/intake_lines.py" line="62" />
      <source>说明</source>
      <translation>Details</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/intake_lines.py" line="63" />
      <source>（问题部分：{part}）</source>
      <translation> (problem in: {part})</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/key_dialogs.py" line="21" />
      <source>已登记单位 {code}（签名密钥 {key}）。</source>
      <translation>Unit {code} enrolled (signing key {key}).</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/key_dialogs.py" line="22" />
      <source>已为单位 {code} 更换签名密钥为 {key}，旧密钥停用。</source>
      <translation>Unit {code} now uses signing key {key}; the old key is retired.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/key_dialogs.py" line="23" />
      <source>已重新登记单位 {code}（新签名密钥 {key}），吊销已解除。</source>
      <translation>Unit {code} enrolled again (new signing key {key}); the revocation is lifted.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/key_dialogs.py" line="24" />
      <source>单位 {code} 已登记过这把密钥（{key}），未作改动。</source>
      <translation>Unit {code} already has this key enrolled ({key}); nothing changed.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/key_dialogs.py" line="40" />
      <source>登记单位签名公钥</source>
      <translation>Enrol a unit's signing public key</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/key_dialogs.py" line="43" />
      <source>单位交来的 unit.pub</source>
      <translation>unit.pub from the unit</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/key_dialogs.py" line="52" />
      <source>（选择文件后显示）</source>
      <translation>(shown once a file is chosen)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/key_dialogs.py" line="55" />
      <source>请当面或电话核对密钥编号：单位导出签名公钥时、建立数据目录的最后一页和“管理 → 单位信息”中都显示这个编号，一致后再登记。</source>
      <translation>Compare the key number in person or by phone: the unit sees it when it exports its public key, on the last page of the set-up and under Admin → Unit information. Enroll only when they match.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/key_dialogs.py" line="62" />
      <source>公钥文件</source>
      <translation>Public key file</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/key_dialogs.py" line="67" />
      <source>登记</source>
      <translation>Enrol</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/key_dialogs.py" line="71" />
      <source>选择单位签名公钥</source>
      <translation>Choose the unit's signing public key</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/key_dialogs.py" line="91" />
      <source>请选择单位交来的公钥文件 unit.pub。</source>
      <translation>Choose the public key file unit.pub that the unit handed in.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/key_dialogs.py" line="93" />
      <source>请填写单位代码。</source>
      <translation>Enter the unit code.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/key_dialogs.py" line="110" />
      <source>写入审计记录，如：签名密钥遗失</source>
      <translation>Goes in the audit trail, e.g. signing key lost</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/key_dialogs.py" line="122" />
      <source>没有可选的单位。</source>
      <translation>There is no unit to choose.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/key_dialogs.py" line="124" />
      <source>请写明原因，以便日后查证。</source>
      <translation>Give a reason, so it can be checked later.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/key_dialogs.py" line="132" />
      <source>吊销单位</source>
      <translation>Revoke unit</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/key_dialogs.py" line="134" />
      <source>吊销后不再接收该单位的任何数据包（包括用原密钥签名的）；已导入的数据保留。恢复时需登记该单位新生成的公钥。</source>
      <translation>Once revoked, no bundle from this unit is accepted (including ones signed with its old key); data already imported is kept. To restore the unit, enrol a newly made public key from it.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/key_dialogs.py" line="147" />
      <source>已吊销单位 {code}：不再接收其数据包。</source>
      <translation>Unit {code} revoked: its bundles are no longer accepted.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/key_dialogs.py" line="154" />
      <source>允许单位重新同步</source>
      <translation>Allow a unit to resync</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/key_dialogs.py" line="156" />
      <source>单位从备份恢复后，其数据包序号会倒退。允许后，该单位导出的下一个完整数据包将重新开始数据包链。</source>
      <translation>After a unit restores from a backup, its bundle numbers go back. Once allowed, the next full bundle the unit exports starts its bundle chain again.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/key_dialogs.py" line="160" />
      <source>允许</source>
      <translation>Allow</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/key_dialogs.py" line="167" />
      <source>已允许 {code} 重新同步：请该单位导出完整数据包后交来导入。</source>
      <translation>{code} may resync: ask the unit to export a full bundle and hand it in for import.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/matrix.py" line="29" />
      <source>本期报送</source>
      <translation>Submitted this period</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/matrix.py" line="29" />
      <source>最近接收的数据包</source>
      <translation>Last bundle received</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/matrix.py" line="42" />
      <source>已吊销</source>
      <translation>Revoked</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/matrix.py" line="43" />
      <source>已报送</source>
      <translation>Submitted</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/matrix.py" line="43" />
      <source>未报送</source>
      <translation>Not submitted</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/matrix.py" line="45" />
      <source>（暂存 {n} 个待补）</source>
      <translation> ({n} held until earlier bundles arrive)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/matrix.py" line="47" />
      <source>（等待重新同步）</source>
      <translation> (waiting for resync)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/matrix.py" line="49" />
      <source>（已退回 {periods}，待单位重报）</source>
      <translation> (returned {periods}, waiting for the unit to report again)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/matrix.py" line="143" />
      <source>尚未收到</source>
      <translation>Nothing received yet</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/matrix.py" line="145" />
      <source>第 {seq} 号　{when}</source>
      <translation>No. {seq}   {when}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/matrix.py" line="151" />
      <source>双击查看 {unit} 的任务、时间节点和佐证材料</source>
      <translation>Double-click to see the tasks, milestones and evidence of {unit}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/matrix.py" line="153" />
      <source>无</source>
      <translation>None</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/matrix.py" line="154" />
      <source>已收到的报告期：{periods}</source>
      <translation>Reporting periods received: {periods}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/matrix.py" line="160" />
      <source>{unit}：{project} 完成 {percent}%</source>
      <translation>{unit}: {project} {percent}% done</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/matrix.py" line="174" />
      <source>平均</source>
      <translation>Average</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/mode.py" line="31" />
      <source>全省汇总</source>
      <translation>Province overview</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/mode.py" line="33" />
      <source>单位详情</source>
      <translation>Unit details</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/mode.py" line="34" />
      <source>单位与密钥</source>
      <translation>Units and keys</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/mode.py" line="50" />
      <source>导入进度包…</source>
      <translation>Import progress bundles…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/mode.py" line="52" />
      <source>从U盘或文件夹导入各单位的进度包（Ctrl+I）</source>
      <translation>Import the units' progress bundles from a USB stick or folder (Ctrl+I)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/mode.py" line="67" />
      <source>登记单位公钥…</source>
      <translation>Enrol unit key…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/mode.py" line="68" />
      <source>吊销单位…</source>
      <translation>Revoke unit…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/mode.py" line="69" />
      <source>允许单位重新同步…</source>
      <translation>Allow unit resync…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/mode.py" line="75" />
      <source>校验全部佐证材料</source>
      <translation>Verify all evidence files</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/overview_page.py" line="58" />
      <source>汇总哪一个规划：本局发布的规划和随程序附带的规划</source>
      <translation>Which plan to summarize: the plans this office issued and the plan shipped with the program</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/overview_page.py" line="72" />
      <source>还没有登记任何单位：请在“单位与密钥”页登记各单位的签名公钥，然后导入它们交来的数据包。</source>
      <translation>No unit is enrolled yet: enrol each unit's signing public key on the Units and keys page, then import the bundles they hand in.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/overview_page.py" line="85" />
      <source>全省指标（按各单位报送的时间节点计算）</source>
      <translation>Provincial indicators (from the milestones the units submitted)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/overview_page.py" line="124" />
      <source>正在计算…</source>
      <translation>Calculating…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/overview_page.py" line="150" />
      <source>{title}（{start}–{end}）</source>
      <translation>{title} ({start}–{end})</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/overview_page.py" line="156" />
      <source>省局发布于 {when}</source>
      <translation>issued by the office on {when}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/overview_page.py" line="158" />
      <source>{id} 版本 {version}，{source}</source>
      <translation>{id} version {version}, {source}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/overview_page.py" line="159" />
      <source>（当前规划）</source>
      <translation> (current plan)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/overview_page.py" line="173" />
      <source>全省汇总　{period}</source>
      <translation>Province overview   {period}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/overview_page.py" line="176" />
      <source>已登记 {n} 个单位，本期已报送 {done} 个。</source>
      <translation>{n} units enrolled, {done} submitted this period.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/overview_page.py" line="178" />
      <source>未报送：{codes}。</source>
      <translation> Not submitted: {codes}.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/overview_page.py" line="180" />
      <source>已吊销的 {codes} 不计入汇总（见“单位与密钥”页）。</source>
      <translation>Revoked {codes} are left out of the roll-up (see the Units and keys page).</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/setup_keys.py" line="50" />
      <source>省局私钥用于解密各单位的进度包，口令务必牢记并另行备份 keys 文件夹：丢失后已收到的数据包无法打开。公钥文件要交给各单位导入（可放在U盘上）。</source>
      <translation>The office private key decrypts the units' progress bundles. Remember its passphrase and back up the keys folder separately: without them, bundles already received cannot be opened. Give the public key file to every unit to import (a USB stick will do).</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/setup_keys.py" line="60" />
      <source>至少 {n} 个字符</source>
      <translation>at least {n} characters</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/setup_keys.py" line="61" />
      <source>公钥保存到</source>
      <translation>Save public key to</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/setup_keys.py" line="65" />
      <source>保存省局公钥</source>
      <translation>Save the office public key</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/setup_keys.py" line="65" />
      <source>公钥 (*.pub)</source>
      <translation>Public keys (*.pub)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/setup_keys.py" line="72" />
      <source>两次输入的私钥口令不一致，请重新输入。</source>
      <translation>The two passphrases differ; please type them again.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/setup_keys.py" line="75" />
      <source>省局私钥口令至少需要 {n} 个字符。</source>
      <translation>The office private key passphrase needs at least {n} characters.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/setup_keys.py" line="78" />
      <source>请选择公钥的保存位置。</source>
      <translation>Choose where to save the public key.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/setup_keys.py" line="81" />
      <source>文件夹 {folder} 不存在：请插好U盘或选择其他位置。</source>
      <translation>The folder {folder} does not exist: plug in the USB stick or choose another place.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/setup_keys.py" line="83" />
      <source>{path} 是一个文件夹：请写上文件名，如 office.pub。</source>
      <translation>{path} is a folder: add a file name, e.g. office.pub.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/setup_keys.py" line="106" />
      <source>建立省局数据目录失败：{error}</source>
      <translation>Could not create the office data folder: {error}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/setup_keys.py" line="113" />
      <source>无法把公钥保存到 {path}（{error}）：请换一个位置。</source>
      <translation>Cannot save the public key to {path} ({error}): choose another place.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/units_page.py" line="48" />
      <source>国密（SM2/SM3/SM4）</source>
      <translation>GM (SM2/SM3/SM4)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/units_page.py" line="48" />
      <source>age（X25519/Ed25519）</source>
      <translation>age (X25519/Ed25519)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/units_page.py" line="54" />
      <source>等待重新同步</source>
      <translation>Waiting for resync</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/units_page.py" line="60" />
      <source>（尚未收到数据包）</source>
      <translation>(no bundle received yet)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/units_page.py" line="69" />
      <source>签名密钥</source>
      <translation>Signing key</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/units_page.py" line="72" />
      <source>{key}　登记 {when}</source>
      <translation>{key}   enrolled {when}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/units_page.py" line="73" />
      <source>　停用 {when}</source>
      <translation>   retired {when}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/units_page.py" line="77" />
      <source>密码套件</source>
      <translation>Crypto suite</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/units_page.py" line="78" />
      <source>登记时间</source>
      <translation>Enrolled</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/units_page.py" line="80" />
      <source>最近接收</source>
      <translation>Last received</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/units_page.py" line="88" />
      <source>单位代码合并</source>
      <translation>Unit codes merged</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/units_page.py" line="109" />
      <source>操作人</source>
      <translation>Done by</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/units_page.py" line="129" />
      <source>允许重新同步…</source>
      <translation>Allow resync…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/units_page.py" line="140" />
      <source>已登记的单位</source>
      <translation>Enrolled units</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/office/units_page.py" line="142" />
      <source>导入记录（最近 {n} 条，含被拒收的数据包及原因）</source>
      <translation>Import log (last {n} entries, with rejected bundles and why)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/audit.py" line="44" />
      <source>全部</source>
      <translation>All</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/audit.py" line="48" />
      <source>记录标识（可不填）</source>
      <translation>Record id (optional)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/audit.py" line="50" />
      <source>从</source>
      <translation>From</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/audit.py" line="50" />
      <source>起始日期</source>
      <translation>Start date</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/audit.py" line="51" />
      <source>到</source>
      <translation>To</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/audit.py" line="51" />
      <source>截止日期</source>
      <translation>End date</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/audit.py" line="52" />
      <source>查询</source>
      <translation>Search</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/audit.py" line="54" />
      <source>校验审计链</source>
      <translation>Verify audit chain</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/audit.py" line="75" />
      <source>修改前</source>
      <translation>Before</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/audit.py" line="75" />
      <source>修改后</source>
      <translation>After</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/audit.py" line="169" />
      <source>正在校验审计记录…</source>
      <translation>Verifying the audit trail…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/audit.py" line="180" />
      <source>审计记录校验未通过：</source>
      <translation>The audit trail failed verification: </translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/audit.py" line="182" />
      <source>审计记录校验通过：共 {n} 条，哈希链完整。</source>
      <translation>Audit trail verified: {n} entries, the hash chain is intact.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/dashboard.py" line="40" />
      <source>剩余</source>
      <translation>Left</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/dashboard.py" line="56" />
      <source>已达到</source>
      <translation>Reached</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/dashboard.py" line="56" />
      <source>未达到</source>
      <translation>Not reached</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/dashboard.py" line="59" />
      <source>规划指标</source>
      <translation>Plan indicator</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/dashboard.py" line="60" />
      <source>规划目标</source>
      <translation>Plan targets</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/dashboard.py" line="62" />
      <source>本单位实际</source>
      <translation>This unit</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/dashboard.py" line="66" />
      <source>关联节点</source>
      <translation>Milestones</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/dashboard.py" line="67" />
      <source>对照终期目标</source>
      <translation>Against final target</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/dashboard.py" line="90" />
      <source>各工程完成情况</source>
      <translation>Progress by project</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/dashboard.py" line="104" />
      <source>规划量化指标对照（本单位）</source>
      <translation>Quantitative plan targets (this unit)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/dashboard.py" line="129" />
      <source>{unit}　{period}工作概览</source>
      <translation>{unit}   overview of {period}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/dashboard.py" line="132" />
      <source>审核状态：{state}</source>
      <translation>Review: {state}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/dashboard.py" line="134" />
      <source>（{who}，{when}）</source>
      <translation> ({who}, {when})</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/dashboard.py" line="136" />
      <source>　意见：{comment}</source>
      <translation>   comment: {comment}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/dashboard.py" line="147" />
      <source>逾期未完成的时间节点（{n}）</source>
      <translation>Overdue milestones ({n})</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/dashboard.py" line="148" />
      <source>{days} 天内到期（{n}）</source>
      <translation>Due within {days} days ({n})</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/dashboard.py" line="149" />
      <source>已完成但缺少佐证材料（{n}）</source>
      <translation>Done without evidence ({n})</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/dashboard.py" line="166" />
      <source>{n} 项任务　正常 {green}　临近 {yellow}　逾期/滞后 {red}　未填报 {grey}</source>
      <translation>{n} tasks   on track {green}   due soon {yellow}   overdue/lagging {red}   not reported {grey}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/period_grid.py" line="47" />
      <source>直接输入即可填写：Tab 或 Enter 保存并跳到下一格（状态 → 完成百分比 → 说明 → 下一行），Shift+Tab 返回，Esc 放弃本格修改；状态格按 1–4 选择。每格保存后可用 Ctrl+Z 撤销。</source>
      <translation>Just type: Tab or Enter saves and moves on (status → percent → note → next row), Shift+Tab goes back, Esc drops the cell's change; in a status cell press 1–4. Ctrl+Z undoes each saved cell.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/period_grid.py" line="57" />
      <source>沿用上期说明（本行）</source>
      <translation>Copy last period's note (this row)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/period_grid.py" line="61" />
      <source>全部沿用上期说明</source>
      <translation>Copy last period's notes into all rows</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/period_grid.py" line="63" />
      <source>沿用上期说明（本行，Ctrl+D）</source>
      <translation>Copy last period's note (this row, Ctrl+D)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/period_grid.py" line="66" />
      <source>把上期说明填入本期还没有说明的每一行（可一次撤销）</source>
      <translation>Fill every row without a note for this period with last period's note (undone in one step)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/period_grid.py" line="109" />
      <source>{period} 逐项填报</source>
      <translation>{period}: fill in item by item</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/period_grid.py" line="110" />
      <source>正在读取…</source>
      <translation>Reading…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/period_grid.py" line="147" />
      <source>本期已填 {done} / {total} 项</source>
      <translation>{done} / {total} items reported for this period</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/period_grid.py" line="166" />
      <source>已保存 {when}</source>
      <translation>Saved {when}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/period_grid.py" line="170" />
      <source>（未保存：请改正后再按 Tab 或 Enter）</source>
      <translation> (not saved: correct it, then press Tab or Enter)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/period_grid.py" line="188" />
      <source>这一行没有上期说明可以沿用。</source>
      <translation>This row has no earlier note to copy.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/period_grid.py" line="221" />
      <source>已为 {n} 行沿用上期说明（Ctrl+Z 可一次撤销）。</source>
      <translation>Copied last period's note into {n} rows (Ctrl+Z undoes it in one step).</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/plan_page.py" line="30" />
      <source>筛选（Ctrl+F）：任务、措施、责任人、进展说明…</source>
      <translation>Filter (Ctrl+F): tasks, measures, people, narratives…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/plan_page.py" line="83" />
      <source>省局已退回本报告期：{reason}（意见见标有【省局意见】的任务，或“审核”页）</source>
      <translation>The office returned this period: {reason} (comments on the tasks marked [Office comment], or on the Review page)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/review.py" line="50" />
      <source>任务/措施</source>
      <translation>Task / measure</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/review.py" line="56" />
      <source>保存时间</source>
      <translation>Saved at</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/review.py" line="90" />
      <source>审核意见；退回或重新打开时必须填写原因</source>
      <translation>Review comment; a reason is required to return or reopen</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/review.py" line="92" />
      <source>审核通过并锁定</source>
      <translation>Approve and lock</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/review.py" line="93" />
      <source>退回修改</source>
      <translation>Return for changes</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/review.py" line="100" />
      <source>意见</source>
      <translation>Comment</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/review.py" line="145" />
      <source>{period}审核</source>
      <translation>Review of {period}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/review.py" line="147" />
      <source>退回（省局）</source>
      <translation>Returned (office)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/review.py" line="148" />
      <source>当前状态：{state}</source>
      <translation>State: {state}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/review.py" line="150" />
      <source>　最近操作：{who} {when}</source>
      <translation>   last step: {who} {when}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/review.py" line="165" />
      <source>本期填报的进度（{n} 条）</source>
      <translation>Progress reported for the period ({n})</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/review.py" line="167" />
      <source>；其他规划另有 {n} 条，审核对本期全部规划一并生效，请切换规划查看</source>
      <translation>; {n} more in other plans — the review covers every plan of the period, switch the plan to see them</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/review.py" line="180" />
      <source>自 {since} 以来的变更（{n} 条）</source>
      <translation>Changes since {since} ({n})</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/review.py" line="206" />
      <source>已提交审核。</source>
      <translation>Submitted for review.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/review.py" line="207" />
      <source>已审核通过：本报告期已锁定。</source>
      <translation>Approved: the period is locked.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/review.py" line="208" />
      <source>已退回填报员修改。</source>
      <translation>Returned to the clerk for changes.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/pages/review.py" line="209" />
      <source>已重新打开：本报告期可以再次修改。</source>
      <translation>Reopened: the period can be changed again.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/reports.py" line="30" />
      <source>生成全省汇总报告…</source>
      <translation>Provincial summary report…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/reports.py" line="31" />
      <source>全省汇总报告（PDF）或汇总表（Excel）（Ctrl+P）</source>
      <translation>Provincial summary report (PDF) or table (Excel) (Ctrl+P)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/reports.py" line="33" />
      <source>生成进度报告…</source>
      <translation>Progress report…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/reports.py" line="34" />
      <source>本单位的进度报告（PDF）或台账（Excel）（Ctrl+P）</source>
      <translation>This unit's progress report (PDF) or ledger (Excel) (Ctrl+P)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/startup.py" line="81" />
      <source>planprogress 已经打开了这个数据目录：
{root}

同一数据目录只能打开一个窗口，以免数据冲突。请切换到已打开的窗口（可能在任务栏里）。</source>
      <translation>planprogress already has this data folder open:
{root}

Only one window may use a data folder at a time. Switch to the open window (it may be in the task bar).</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/startup.py" line="86" />
      <source>错误：</source>
      <translation>Error: </translation>
    </message>
    <message>
      <location filename="../../desktop/ui/startup.py" line="87" />
      <source>程序已在运行</source>
      <translation>Already running</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/startup.py" line="93" />
      <source>找不到规划目录 {id}：安装不完整，请重新安装本程序。</source>
      <translation>Plan catalog {id} not found: the installation is incomplete, please reinstall.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/startup.py" line="118" />
      <source>数据库文件已损坏（{error}）。</source>
      <translation>The database file is damaged ({error}).</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/startup.py" line="132" />
      <source>不是数据目录</source>
      <translation>Not a data folder</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/startup.py" line="133" />
      <source>文件夹 {root} 里已有其他文件，但没有 planprogress 数据库：请用 --home 选择正确的数据目录，或选择一个空文件夹来新建。</source>
      <translation>The folder {root} holds other files but no planprogress database: choose the right data folder with --home, or an empty folder to start a new one.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/startup.py" line="170" />
      <source>正在升级数据库（只需一次，升级前已自动备份），请稍候…</source>
      <translation>Upgrading the database (once only; a copy was saved first). Please wait…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/startup.py" line="171" />
      <source>升级数据库</source>
      <translation>Upgrading the database</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/startup.py" line="280" />
      <source>无法打开</source>
      <translation>Cannot open</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/startup.py" line="281" />
      <source>这个数据目录的类型（{kind}）在本版本中还不能打开：请安装完整版本。</source>
      <translation>This kind of data folder ({kind}) cannot be opened by this version: install the full version.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/unit_mode.py" line="26" />
      <source>规划与进度</source>
      <translation>Plan and progress</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/unit_mode.py" line="28" />
      <source>仪表盘</source>
      <translation>Dashboard</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/unit_mode.py" line="30" />
      <source>审计记录</source>
      <translation>Audit trail</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/unit_mode.py" line="31" />
      <source>逐项填报</source>
      <translation>Fill in item by item</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/unit_mode.py" line="56" />
      <source>查找…</source>
      <translation>Find…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/unit_mode.py" line="68" />
      <source>本期审核…</source>
      <translation>Review this period…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/unit_mode.py" line="71" />
      <source>校验审计记录</source>
      <translation>Verify the audit trail</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/unit_mode.py" line="88" />
      <source>导入省局公钥…</source>
      <translation>Import the office public key…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/unit_mode.py" line="92" />
      <source>导出本单位签名公钥…</source>
      <translation>Save this unit's signing public key…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/unit_mode.py" line="95" />
      <source>单位信息…</source>
      <translation>Unit information…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/unit_mode.py" line="132" />
      <source>导入失败</source>
      <translation>Import failed</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/unit_mode.py" line="134" />
      <source>已导入省局公钥（{n} 个）。</source>
      <translation>Office public key imported ({n}).</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/unit_mode.py" line="138" />
      <source>已换用新的签名密钥</source>
      <translation>New signing key in use</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/unit_mode.py" line="139" />
      <source>省局公钥已换用另一密码套件：本单位已生成该套件的新签名密钥（编号 {key}），旧密钥停用。
请用“管理 → 导出本单位签名公钥…”把新的公钥交省局重新登记；省局登记新公钥以后才能导入用它签名的数据包（登记前导入会被拒收，登记后再导入即可）。下一次导出是完整数据包，序号接着上一个。</source>
      <translation>The office public key uses another crypto suite: this unit made a new signing key in that suite (number {key}); the old key is retired.
Use Manage → Export this unit's signing public key… and have the office enroll the new key; the office can import bundles signed with it once it is enrolled (an import before that is refused; import again afterwards). The next export is a full bundle with the next number.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/unit_mode.py" line="164" />
      <source>换用新的签名密钥</source>
      <translation>Switch to a new signing key</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/unit_mode.py" line="165" />
      <source>这份省局公钥使用{suite}套件，本单位要换用该套件的新签名密钥。
为新密钥设置口令（可留空）：</source>
      <translation>This office public key uses the {suite} suite: this unit switches to a new signing key in that suite.
Set a passphrase for the new key (may be left empty):</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/unit_mode.py" line="185" />
      <source>没有签名密钥</source>
      <translation>No signing key</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/unit_mode.py" line="185" />
      <source>本单位还没有签名密钥：请让管理员在命令行运行 planprogress keys init。</source>
      <translation>This unit has no signing key yet: ask the administrator to run planprogress keys init.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/unit_mode.py" line="191" />
      <source>保存本单位签名公钥</source>
      <translation>Save this unit's signing public key</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/unit_mode.py" line="198" />
      <source>保存失败</source>
      <translation>Saving failed</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/unit_mode.py" line="200" />
      <source>已保存到 {path}：请交省局登记。</source>
      <translation>Saved to {path}: hand it to the provincial office for enrolment.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/unit_mode.py" line="203" />
      <source>本单位签名公钥已保存</source>
      <translation>Unit signing public key saved</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/unit_mode.py" line="204" />
      <source>已保存到 {path}。

密钥编号：{key}

请把这个文件交省局登记；省局登记前会与您核对这个编号。</source>
      <translation>Saved to {path}.

Key number: {key}

Hand this file to the office for enrolment; the office will compare this number with you first.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/cli_wizard.py" line="79" />
      <source>重试</source>
      <translation>Retry</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/cli_wizard.py" line="139" />
      <source>{done} / {total}</source>
      <translation>{done} / {total}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/detail.py" line="64" />
      <source>在左侧选择一个工程、任务或措施。</source>
      <translation>Choose a project, task or measure on the left.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/detail.py" line="152" />
      <source>{n} 项任务，平均完成 {percent}%</source>
      <translation>{n} tasks, {percent}% done on average</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/detail.py" line="159" />
      <source>措施：{title}</source>
      <translation>Measure: {title}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/detail.py" line="162" />
      <source>任务 {key}</source>
      <translation>Task {key}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/detail.py" line="165" />
      <source>{period}　{light}　完成 {percent}%</source>
      <translation>{period}   {light}   {percent}% done</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_info.py" line="21" />
      <source>文件缺失：{name}，请从备份恢复。</source>
      <translation>File missing: {name}; restore it from a backup.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_info.py" line="23" />
      <source>校验通过：文件完好，SHA-256 一致。</source>
      <translation>Verified: the file is intact, its SHA-256 matches.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_info.py" line="24" />
      <source>校验失败：文件内容已被改动（SHA-256 不符），请从备份恢复。</source>
      <translation>Verification failed: the file was altered (SHA-256 differs); restore it from a backup.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_info.py" line="46" />
      <source>添加</source>
      <translation>Added</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_info.py" line="56" />
      <source>选择一份材料即可在此预览。</source>
      <translation>Choose a file to preview it here.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_info.py" line="61" />
      <source>{name}（{size}，{type}）</source>
      <translation>{name} ({size}, {type})</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_info.py" line="65" />
      <source>（未分类）</source>
      <translation>(no category)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_info.py" line="66" />
      <source>（未指定）</source>
      <translation>(none)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_info.py" line="69" />
      <source>未校验</source>
      <translation>not verified</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_info.py" line="69" />
      <source>文件缺失</source>
      <translation>file missing</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_panel.py" line="76" />
      <source>新添加的文件归入这个类别（添加后也可修改）</source>
      <translation>Files added now get this category (it can be changed later)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_panel.py" line="80" />
      <source>可不填</source>
      <translation>optional</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_panel.py" line="83" />
      <source>新添加的文件属于哪个报告期：默认为窗口当前选择的报告期，可改写（如 2026-11、2026-Q4、2026）或清空</source>
      <translation>The reporting period new files belong to: the period chosen in the window unless you type another (e.g. 2026-11, 2026-Q4, 2026) or clear it</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_panel.py" line="85" />
      <source>可不填，如 2026-Q4</source>
      <translation>Optional, e.g. 2026-Q4</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_panel.py" line="89" />
      <source>添加文件…</source>
      <translation>Add files…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_panel.py" line="91" />
      <source>用系统程序打开</source>
      <translation>Open with system viewer</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_panel.py" line="93" />
      <source>校验文件</source>
      <translation>Verify file</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_panel.py" line="95" />
      <source>修改类别和所属期…</source>
      <translation>Edit category and period…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_panel.py" line="96" />
      <source>修改选中材料的标题、类别和所属期</source>
      <translation>Edit the selected file's title, category and period</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_panel.py" line="101" />
      <source>材料归属</source>
      <translation>Evidence of</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_panel.py" line="144" />
      <source>提示：可以把文件直接拖到这里添加。</source>
      <translation>Tip: drop files here to add them.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_panel.py" line="211" />
      <source>选择佐证材料</source>
      <translation>Choose evidence files</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_panel.py" line="211" />
      <source>所有文件 (*)</source>
      <translation>All files (*)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_panel.py" line="239" />
      <source>请先在左侧选择任务或措施，再添加佐证材料。</source>
      <translation>Choose a task or measure on the left before adding evidence.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_panel.py" line="260" />
      <source>正在添加 {n} 个文件…</source>
      <translation>Adding {n} files…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_panel.py" line="275" />
      <source>已添加 {n} 份佐证材料。</source>
      <translation>{n} evidence files added.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_panel.py" line="277" />
      <source>（{names} 与已有文件内容相同，只保存一份）</source>
      <translation> ({names} had the same content as a stored file; kept once)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_panel.py" line="299" />
      <source>文件缺失：{name}。请从备份恢复，或删除这条记录后重新添加。</source>
      <translation>File missing: {name}. Restore it from a backup, or delete this record and add the file again.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_panel.py" line="309" />
      <source>系统没有能打开这种文件的程序：副本在 {path}</source>
      <translation>No program here opens this kind of file: the copy is at {path}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_panel.py" line="361" />
      <source>已修改“{title}”：类别 {category}，所属期 {period}。</source>
      <translation>Changed "{title}": category {category}, period {period}.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_panel.py" line="374" />
      <source>删除佐证材料</source>
      <translation>Delete evidence</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_panel.py" line="375" />
      <source>确定删除“{name}”吗？删除会写入审计记录。</source>
      <translation>Delete "{name}"? The deletion is recorded in the audit trail.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/evidence_panel.py" line="383" />
      <source>已删除“{name}”。</source>
      <translation>Deleted "{name}".</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/fields.py" line="141" />
      <source>日期</source>
      <translation>Date</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/fields.py" line="153" />
      <source>从日历中选择</source>
      <translation>Pick from the calendar</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/fields.py" line="212" />
      <source>有</source>
      <translation>Set</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/item_detail.py" line="46" />
      <source>编辑措施…</source>
      <translation>Edit measure…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/item_detail.py" line="56" />
      <source>本期进度</source>
      <translation>Progress</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/item_detail.py" line="64" />
      <source>规划原文</source>
      <translation>Plan text</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/item_detail.py" line="80" />
      <source>责任部门：{department}　责任人：{person}　配合单位：{co}　开始：{start}　期限：{due}</source>
      <translation>Department: {department}   responsible: {person}   supporting: {co}   start: {start}   due: {due}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/item_detail.py" line="90" />
      <source>任务 {key}（本身）</source>
      <translation>Task {key} (itself)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/item_detail.py" line="98" />
      <source>时间节点：{title}</source>
      <translation>Milestone: {title}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/lock_note.py" line="15" />
      <source>{period}已审核通过并锁定，进度只能查看。如确需修改，请审核员在“审核”页重新打开该报告期。</source>
      <translation>{period} is approved and locked: progress is read-only. To change it, a reviewer reopens the period on the Review page.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/lock_note.py" line="20" />
      <source>您的角色（{role}）只能查看进度，由填报员填写。</source>
      <translation>Your role ({role}) can only read progress; clerks fill it in.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/message_bar.py" line="24" />
      <source>关闭提示</source>
      <translation>Close message</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/passwords.py" line="26" />
      <source>再输入一次</source>
      <translation>Repeat</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/passwords.py" line="31" />
      <source>两次输入的密码不一致，请重新输入。</source>
      <translation>The two passwords differ; please type them again.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/passwords.py" line="33" />
      <source>密码至少需要 {n} 个字符。</source>
      <translation>The password needs at least {n} characters.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/passwords.py" line="47" />
      <source>这是管理员的一次性恢复码。忘记密码时，可在登录窗口点“忘记密码”，用它设置新密码。它只显示这一次：请抄在纸上，与单位的重要文件一起保管，不要保存在这台电脑上。</source>
      <translation>This is the administrator's one-time recovery code. If the password is forgotten, click "Forgot the password" in the sign-in window and set a new one with it. It is shown only now: write it on paper and keep it with the unit's important documents, not on this computer.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/passwords.py" line="59" />
      <source>复制</source>
      <translation>Copy</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/period_grid_view.py" line="56" />
      <source>本期工作进展、存在问题和下一步打算</source>
      <translation>Work done this period, problems, next steps</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/period_selector.py" line="16" />
      <source>月度</source>
      <translation>Month</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/period_selector.py" line="16" />
      <source>季度</source>
      <translation>Quarter</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/period_selector.py" line="16" />
      <source>年度</source>
      <translation>Year</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/plan_selector.py" line="27" />
      <source>省局送达于 {when}</source>
      <translation>received from the office on {when}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/preview.py" line="85" />
      <source>文件缺失：{path}
请从备份恢复，或删除这条记录后重新添加材料。</source>
      <translation>File missing: {path}
Restore it from a backup, or delete this record and add the file again.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/preview.py" line="92" />
      <source>这种文件（{type}）不能在程序内预览：请点“用系统程序打开”。</source>
      <translation>This kind of file ({type}) has no preview here: use "Open with system viewer".</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/preview.py" line="99" />
      <source>图片无法显示（{error}）：文件可能已损坏。</source>
      <translation>The image cannot be shown ({error}): the file may be damaged.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/preview.py" line="126" />
      <source>PDF 无法显示（{error}）：文件可能已损坏或加了密码。</source>
      <translation>The PDF cannot be shown ({error}): it may be damaged or password-protected.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/progress_editor.py" line="71" />
      <source>完成百分比（%）</source>
      <translation>Completion (%)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/progress_editor.py" line="106" />
      <source>{period}进度</source>
      <translation>Progress in {period}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/progress_editor.py" line="113" />
      <source>{period}：{who} 于 {when} 保存</source>
      <translation>{period}: saved by {who} at {when}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/progress_editor.py" line="123" />
      <source>{period}尚未填报（显示的是 {earlier} 的数值，修改后即保存为本期）</source>
      <translation>{period} not reported yet (showing the values of {earlier}; a change saves them for this period)</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/progress_editor.py" line="127" />
      <source>{period}尚未填报：修改后即自动保存。</source>
      <translation>{period} not reported yet: changes are saved at once.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/progress_editor.py" line="154" />
      <source>请在左侧选择任务或措施。</source>
      <translation>Choose a task or measure on the left.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/record_panels.py" line="36" />
      <source>开始</source>
      <translation>Start</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/record_panels.py" line="40" />
      <source>佐证</source>
      <translation>Evidence</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/record_panels.py" line="136" />
      <source>添加措施…</source>
      <translation>Add measure…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/record_panels.py" line="137" />
      <source>编辑…</source>
      <translation>Edit…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/record_panels.py" line="160" />
      <source>已添加措施“{title}”。</source>
      <translation>Measure "{title}" added.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/record_panels.py" line="177" />
      <source>删除措施</source>
      <translation>Delete measure</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/record_panels.py" line="177" />
      <source>确定删除措施“{title}”吗？</source>
      <translation>Delete the measure "{title}"?</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/record_panels.py" line="193" />
      <source>添加节点…</source>
      <translation>Add milestone…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/record_panels.py" line="195" />
      <source>标记完成…</source>
      <translation>Mark done…</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/record_panels.py" line="225" />
      <source>任务 {key} {text}</source>
      <translation>Task {key} {text}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/record_panels.py" line="267" />
      <source>时间节点“{title}”已标记完成，但还没有佐证材料：请点“佐证材料”为它添加文件。</source>
      <translation>Milestone "{title}" is marked done but has no evidence yet: click "Evidence" to add files for it.</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/record_panels.py" line="279" />
      <source>删除时间节点</source>
      <translation>Delete milestone</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/record_panels.py" line="279" />
      <source>确定删除时间节点“{title}”吗？</source>
      <translation>Delete the milestone "{title}"?</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/unit_code.py" line="17" />
      <source>如 GD-GZ01</source>
      <translation>e.g. GD-GZ01</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/unit_code.py" line="28" />
      <source>单位代码统一用大写半角字母，将保存为 {code}</source>
      <translation>Unit codes are kept in upper case, half width: it will be saved as {code}</translation>
    </message>
    <message>
      <location filename="../../desktop/ui/widgets/unit_code.py" line="39" />
      <source>已按统一格式改为 {code}（您输入的是“{typed}”）</source>
      <translation>Changed to the standard form {code} (you typed “{typed}”)</translation>
    </message>
  </context>
</TS>
