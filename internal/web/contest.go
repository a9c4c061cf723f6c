package web

// contestRoutes lists the pages and API of the contests for their organisers.
func contestRoutes() []route {
	return nil
}
