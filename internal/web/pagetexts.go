package web

import (
	"html/template"
	"strconv"
	"text/template/parse"
)

// translateTexts replaces, in every template associated with t, each call of the page's T
// with a constant text ({{.T "Điểm danh"}}, {{$.T "…"}}, {{$p.T "…"}}) by that constant
// translated into lang, before the template is first executed (and escaped): the text is
// still escaped where it is written, but rendering a page no longer calls a method through
// reflection for each of the hundreds of texts of its layout and body. A T of anything but
// a constant is left to the page.
func translateTexts(lang string, t *template.Template) {
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			translateNode(lang, tt.Tree.Root)
		}
	}
}

func translateNode(lang string, n parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				translateNode(lang, c)
			}
		}
	case *parse.ActionNode:
		translateNode(lang, n.Pipe)
	case *parse.IfNode:
		translateBranch(lang, &n.BranchNode)
	case *parse.RangeNode:
		translateBranch(lang, &n.BranchNode)
	case *parse.WithNode:
		translateBranch(lang, &n.BranchNode)
	case *parse.TemplateNode:
		translateNode(lang, n.Pipe)
	case *parse.PipeNode:
		if n != nil {
			for _, c := range n.Cmds {
				translateNode(lang, c)
			}
		}
	case *parse.CommandNode:
		if vi, ok := constantText(n); ok {
			text := inLang(lang, vi)
			n.Args = []parse.Node{&parse.StringNode{NodeType: parse.NodeString, Pos: n.Pos, Quoted: strconv.Quote(text), Text: text}}
			return
		}
		for _, a := range n.Args {
			translateNode(lang, a)
		}
	case *parse.ChainNode:
		translateNode(lang, n.Node)
	}
}

func translateBranch(lang string, b *parse.BranchNode) {
	translateNode(lang, b.Pipe)
	translateNode(lang, b.List)
	translateNode(lang, b.ElseList)
}

// constantText returns the text of a command that calls T with a constant: .T "…" on the
// page as dot, or $.T "…" and $p.T "…" on the page as a variable.
func constantText(c *parse.CommandNode) (string, bool) {
	if len(c.Args) != 2 {
		return "", false
	}
	s, ok := c.Args[1].(*parse.StringNode)
	if !ok {
		return "", false
	}
	switch f := c.Args[0].(type) {
	case *parse.FieldNode:
		return s.Text, len(f.Ident) == 1 && f.Ident[0] == "T"
	case *parse.VariableNode:
		return s.Text, len(f.Ident) == 2 && f.Ident[1] == "T"
	}
	return "", false
}
