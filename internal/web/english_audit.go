package web

// auditEnglish translates the texts of the audit page and of the password page; it joins
// english when the package starts.
var auditEnglish = map[string]string{
	"Bạn cần đổi mật khẩu trước khi dùng hệ thống.": "You need to change your password before using the system.",
}

func init() {
	for vi, en := range auditEnglish {
		if _, ok := english[vi]; !ok {
			english[vi] = en
		}
	}
}
