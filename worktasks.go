package tuyengiao

import "slices"

// The fields of work of the tasks of a programme, and the stages of a task.
var (
	taskAreas = []RecordOption{
		{Code: "study", Name: "Học tập, quán triệt nghị quyết", NameEn: "Studying resolutions"},
		{Code: "propaganda", Name: "Tuyên truyền", NameEn: "Propaganda"},
		{Code: "ideology", Name: "Bảo vệ nền tảng tư tưởng của Đảng", NameEn: "Defending the Party's ideology"},
		{Code: "opinion", Name: "Nắm bắt dư luận xã hội", NameEn: "Public opinion"},
		{Code: "theory", Name: "Lý luận chính trị, đào tạo, bồi dưỡng", NameEn: "Political theory and training"},
		{Code: "press", Name: "Báo chí, xuất bản", NameEn: "Press and publishing"},
		{Code: "culture", Name: "Văn hóa, văn nghệ", NameEn: "Culture and the arts"},
		{Code: "education", Name: "Khoa giáo", NameEn: "Education, science and health"},
		{Code: "history", Name: "Lịch sử Đảng", NameEn: "Party history"},
		{Code: "inspection", Name: "Kiểm tra, giám sát", NameEn: "Inspections and supervision"},
		{Code: "other", Name: "Công tác khác", NameEn: "Other work"},
	}
	taskStatuses = []RecordOption{
		{Code: "not_started", Name: "Chưa triển khai", NameEn: "Not started"},
		{Code: "in_progress", Name: "Đang thực hiện", NameEn: "In progress"},
		{Code: "done", Name: "Đã hoàn thành", NameEn: "Completed"},
		{Code: "cancelled", Name: "Không thực hiện", NameEn: "Cancelled"},
	}
	// taskOpen are the stages of a task still to be done, which a deadline passed makes
	// overdue.
	taskOpen = []string{"not_started", "in_progress"}
)

// WorkTasks are the tasks and task groups of the units' work programmes (chương trình công
// tác): each with its field of work, lead and coordinating units, deadline and stage, the
// ad-hoc tasks the committee assigns flagged as such, a task group holding its tasks, and a
// task handed down to the units below naming the one it came from. A task past its deadline
// and not done is overdue, as of the day it is read. "Trong 6 tháng, hoàn thành 60/85 nhiệm
// vụ, nhóm nhiệm vụ, cùng các nhiệm vụ đột xuất."
var WorkTasks = declareRecordKind(&RecordKind{
	Code: "work-tasks", Name: "Chương trình công tác", NameEn: "Work programme",
	One: "nhiệm vụ", OneEn: "task", Area: "programme", Table: "work_tasks",
	Fields: []RecordField{
		{Name: "title", Label: "Nhiệm vụ", LabelEn: "Task", Type: FieldText, Required: true},
		{Name: "task_group", Label: "Thuộc nhóm nhiệm vụ", LabelEn: "Task group", Type: FieldRef, Ref: "work-tasks", Nest: true,
			Hint:   "Số của nhóm nhiệm vụ cùng đơn vị, ví dụ #12; để trống với nhiệm vụ hay nhóm đứng riêng.",
			HintEn: "The number of a task group of the same unit, for example #12; blank for a task or group on its own."},
		{Name: "area", Label: "Lĩnh vực", LabelEn: "Field of work", Type: FieldChoice, Required: true, Options: taskAreas},
		{Name: "lead", Label: "Cơ quan, đơn vị chủ trì", LabelEn: "Lead", Type: FieldText, Max: 300},
		{Name: "partners", Label: "Đơn vị phối hợp", LabelEn: "Coordinating units", Type: FieldText},
		{Name: "deadline", Label: "Thời hạn", LabelEn: "Deadline", Type: FieldDay, Required: true},
		{Name: "status", Label: "Tiến độ", LabelEn: "Progress", Type: FieldChoice, Options: taskStatuses, Default: "not_started"},
		{Name: "done_day", Label: "Ngày hoàn thành", LabelEn: "Done on", Type: FieldDay},
		{Name: "ad_hoc", Label: "Nhiệm vụ đột xuất", LabelEn: "Ad-hoc task", Type: FieldYesNo,
			Hint: "Nhiệm vụ cấp ủy giao thêm, ngoài chương trình.", HintEn: "Assigned by the committee, outside the programme."},
		{Name: "handed_from", Label: "Cấp trên giao từ nhiệm vụ", LabelEn: "Handed down from", Type: FieldRef, Ref: "work-tasks",
			Hint: "Số của nhiệm vụ cấp trên đã giao xuống.", HintEn: "The number of the task of the unit above that handed it down."},
		{Name: "result", Label: "Kết quả thực hiện", LabelEn: "Result", Type: FieldNote},
	},
	Day: "deadline", Title: "title",
	Indicators: []RecordIndicator{
		{Code: "programme.due", Name: "Số nhiệm vụ, nhóm nhiệm vụ đến hạn", NameEn: "Tasks and task groups due",
			Measure: "nhiệm vụ", MeasureEn: "tasks", Where: taskCounted},
		{Code: "programme.done", Name: "Số nhiệm vụ, nhóm nhiệm vụ đến hạn đã hoàn thành", NameEn: "Tasks and task groups due, done",
			Measure: "nhiệm vụ", MeasureEn: "tasks", Where: append(taskCounted[:1:1], RecordMatch{Field: "status", Options: []string{"done"}}),
			By: "done_day"},
		{Code: "programme.completion", Name: "Tỷ lệ hoàn thành chương trình công tác", NameEn: "Work programme completion",
			Measure: "%", MeasureEn: "%", Ratio: &RecordRatio{Num: "programme.done", Den: "programme.due"},
			Base: "nhiệm vụ, nhóm nhiệm vụ đến hạn", BaseEn: "tasks and task groups due"},
		{Code: "programme.ad_hoc", Name: "Số nhiệm vụ đột xuất", NameEn: "Ad-hoc tasks",
			Measure: "nhiệm vụ", MeasureEn: "tasks", Where: append([]RecordMatch{{Field: "ad_hoc", Options: []string{"yes"}}}, taskCounted...)},
	},
	Check: checkWorkTask,
	State: func(v RecordValues, today Date) string {
		if status := v.Text("status"); !slices.Contains(taskOpen, status) || !v.Day("deadline").Before(today.Time) {
			return status
		}
		return "overdue"
	},
	States: append(taskStatuses[:len(taskStatuses):len(taskStatuses)], RecordOption{Code: "overdue", Name: "Quá hạn", NameEn: "Overdue"}),
	Views: []RecordView{
		{Code: "due-this-month", Name: "Đến hạn trong tháng", NameEn: "Due this month", Narrow: func(f *RecordFilter, today Date) {
			month := PeriodContaining(PeriodMonth, today)
			f.From, f.To = month.From, month.To
		}},
		{Code: "overdue", Name: "Quá hạn", NameEn: "Overdue", Narrow: func(f *RecordFilter, today Date) {
			if yesterday := today.AddDate(0, 0, -1); f.To.IsZero() || f.To.After(yesterday) {
				f.To = Date{Time: yesterday}
			}
			f.Match["status"] = taskOpen
		}},
	},
	HandDown: &RecordHandDown{From: "handed_from", Keep: []string{"title", "area", "deadline", "ad_hoc"}},
})

// taskCounted keeps what a programme's completion counts: the tasks and task groups on their
// own (a group's tasks are its own business), not cancelled.
var taskCounted = []RecordMatch{
	{Field: "task_group", Options: []string{"none"}},
	{Field: "status", Options: []string{"not_started", "in_progress", "done"}},
}

// checkWorkTask asks a task done for the day it was done, and only a task done.
func checkWorkTask(v RecordValues) error {
	done, doneOn := v.Text("status") == "done", v.Day("done_day")
	switch {
	case done && doneOn.IsZero():
		return FieldError("done_day", "Chưa nhập ngày hoàn thành của nhiệm vụ đã hoàn thành.")
	case !done && !doneOn.IsZero():
		return FieldError("done_day", "Chỉ nhập ngày hoàn thành khi nhiệm vụ đã hoàn thành.")
	}
	return nil
}
