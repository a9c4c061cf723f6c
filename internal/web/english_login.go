package web

// loginEnglish translates the answer to a request that found the server at its capacity of
// password hashes; it joins english when the package starts.
var loginEnglish = map[string]string{
	"Máy chủ đang bận, vui lòng thử lại sau ít giây.": "The server is busy; please try again in a few seconds.",
}

func init() { joinEnglish(loginEnglish) }
