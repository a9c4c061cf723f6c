package web

// contestPublicRoutes lists the contests' public pages, for contestants without an account.
func contestPublicRoutes() []route {
	return nil
}
