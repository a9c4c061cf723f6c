package demo

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"tuyengiao"
	"tuyengiao/internal/password"
	"tuyengiao/internal/vn"
)

// account is a demo account as printed for the operator.
type account struct {
	login    string
	role     tuyengiao.Role
	unit     string // code and name of the unit of the role, or "toàn hệ thống"
	password string
}

// passwordLength gives about 70 bits from the readable alphabet of package password.
const passwordLength = 12

// createAccounts creates one account per role, each with a random password it need not
// change: the system administrator, the city's unit administrator and viewer, an editor at
// one ward, and the reviewer and a member of one of its cells, linked to the people
// reviewerID (the reviewer role goes only to a person of the cell) and memberID.
func createAccounts(ctx context.Context, users tuyengiao.UserService, p *plan, ids []int64, memberID, reviewerID int64) ([]account, error) {
	cell, ward := p.units[p.memberUnit].name, p.units[p.editorUnit].name
	specs := []struct {
		login, name string
		role        tuyengiao.Role
		unit        int // plan index, -1 for none
		person      int64
	}{
		{"demo.admin", "Quản trị hệ thống (mẫu)", tuyengiao.RoleSysadmin, -1, 0},
		{"demo.quantri", "Quản trị " + cityName + " (mẫu)", tuyengiao.RoleUnitAdmin, 0, 0},
		{"demo.capnhat", "Cập nhật số liệu " + ward + " (mẫu)", tuyengiao.RoleEditor, p.editorUnit, 0},
		{"demo.xem", "Theo dõi số liệu " + cityName + " (mẫu)", tuyengiao.RoleViewer, 0, 0},
		{"demo.chambai", "Chấm bài thu hoạch " + cell + " (mẫu)", tuyengiao.RoleReviewer, p.memberUnit, reviewerID},
		{"demo.dangvien", p.memberName, tuyengiao.RoleMember, p.memberUnit, memberID},
	}
	accounts := make([]account, len(specs))
	for i, s := range specs {
		g, unit := tuyengiao.Grant{Role: s.role}, "toàn hệ thống"
		if s.unit >= 0 {
			g.UnitID, unit = ids[s.unit], p.units[s.unit].code+" "+p.units[s.unit].name
		}
		u := &tuyengiao.User{Login: s.login, DisplayName: s.name, PersonID: s.person, Grants: []tuyengiao.Grant{g}}
		accounts[i] = account{login: s.login, role: s.role, unit: unit, password: password.Random(passwordLength)}
		if err := users.CreateUser(ctx, u, accounts[i].password); err != nil {
			return nil, fmt.Errorf("demo: account %s: %w", s.login, err)
		}
	}
	return accounts, nil
}

// printAccounts writes the accounts as a table whose last column is the password.
func printAccounts(out io.Writer, accounts []account) {
	fmt.Fprintln(out, "Tài khoản mẫu / demo accounts (mật khẩu chỉ in ra lần này / passwords are shown once):")
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  tài khoản\tvai trò\tđơn vị\tmật khẩu")
	for _, a := range accounts {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", a.login, a.role, a.unit, a.password)
	}
	tw.Flush()
}

// printSummary writes one line on what the plan created, numbers written the Vietnamese way.
func printSummary(out io.Writer, p *plan) {
	counts, total := map[tuyengiao.Category]int64{}, int64(0)
	for _, bt := range p.batches {
		for _, r := range bt.rows {
			counts[r.Category]++
			total++
		}
	}
	fmt.Fprintf(out, "Đã nạp dữ liệu mẫu %s: %s đơn vị (%d tổ chức cơ sở đảng), %s người:",
		cityName, vn.Int(int64(len(p.units))), p.grassroots, vn.Int(total))
	for i, c := range tuyengiao.Categories {
		sep := ","
		if i == 0 {
			sep = ""
		}
		fmt.Fprintf(out, "%s %s %s", sep, vn.Int(counts[c]), strings.ToLower(c.Name()))
	}
	fmt.Fprintf(out, "; trong 12 tháng qua %d đảng viên chuyển đi và %d từ trần.\n", movedOut, deceased)
}
