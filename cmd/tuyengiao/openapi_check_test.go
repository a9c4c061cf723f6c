package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	legacyrouter "github.com/getkin/kin-openapi/routers/legacy"
)

// openAPIRouter is the application's own OpenAPI document, read once from the first test
// server asked, with the router that finds the operation of a request in it.
var openAPIRouter struct {
	once   sync.Once
	doc    *openapi3.T
	router routers.Router
	err    error
}

// loadOpenAPI reads and validates the OpenAPI document the server at base serves.
func loadOpenAPI(base string) (*openapi3.T, routers.Router, error) {
	openAPIRouter.once.Do(func() {
		o := &openAPIRouter
		res, err := http.Get(base + "/api/v1/openapi.json")
		if err != nil {
			o.err = err
			return
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if o.doc, o.err = openapi3.NewLoader().LoadFromData(b); o.err != nil {
			return
		}
		if o.err = o.doc.Validate(context.Background()); o.err != nil {
			return
		}
		o.router, o.err = legacyrouter.NewRouter(o.doc)
	})
	return openAPIRouter.doc, openAPIRouter.router, openAPIRouter.err
}

// openAPICheck is the transport of the test clients: every API request and its answer are
// checked against the OpenAPI document, so that the description cannot drift from what the
// server sends. An answer must match the schema of its status, and a 4xx must be one the
// operation lists (not merely the default answer); a request the server took (2xx) must be
// one the document describes, but for the read-only fields it ignores. Requests the tests send to be refused are not checked.
type openAPICheck struct {
	t    *testing.T
	base http.RoundTripper
}

func (c openAPICheck) RoundTrip(req *http.Request) (*http.Response, error) {
	if !strings.HasPrefix(req.URL.Path, "/api/v1/") || req.URL.Path == "/api/v1/openapi.json" {
		return c.base.RoundTrip(req)
	}
	var reqBody []byte
	if req.Body != nil {
		reqBody, _ = io.ReadAll(req.Body)
		req.Body.Close()
		req.Body = io.NopCloser(bytes.NewReader(reqBody))
	}
	res, err := c.base.RoundTrip(req)
	if err != nil {
		return res, err
	}
	resBody, err := io.ReadAll(res.Body)
	res.Body.Close()
	res.Body = io.NopCloser(bytes.NewReader(resBody))
	if err != nil {
		return res, err
	}
	if err := checkOpenAPI(req, reqBody, res, resBody); err != nil {
		c.t.Errorf("OpenAPI: %s %s answered %d: %v", req.Method, req.URL.RequestURI(), res.StatusCode, err)
	}
	return res, nil
}

// checkOpenAPI checks one request and its answer against the document.
func checkOpenAPI(req *http.Request, reqBody []byte, res *http.Response, resBody []byte) error {
	_, router, err := loadOpenAPI(req.URL.Scheme + "://" + req.URL.Host)
	if err != nil {
		return fmt.Errorf("the document: %w", err)
	}
	// The router matches the document's server "/" against the path alone.
	local := req.Clone(req.Context())
	local.URL.Scheme, local.URL.Host, local.Host = "", "", ""
	local.Body = io.NopCloser(bytes.NewReader(reqBody))
	route, params, err := router.FindRoute(local)
	if err != nil {
		if res.StatusCode == http.StatusNotFound || res.StatusCode == http.StatusMethodNotAllowed {
			return nil // an address the document does not have either
		}
		return fmt.Errorf("no operation: %w", err)
	}
	in := &openapi3filter.RequestValidationInput{Request: local, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true,
			ExcludeReadOnlyValidations: true}} // a read-only field sent is ignored, as OpenAPI allows
	if res.StatusCode/100 == 2 {
		if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
			return fmt.Errorf("the request taken is not described: %w", err)
		}
	}
	if res.StatusCode/100 == 4 && route.Operation.Responses.Status(res.StatusCode) == nil {
		return fmt.Errorf("status %d is not among the answers of %s", res.StatusCode, route.Operation.OperationID)
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: res.StatusCode,
		Header: res.Header, Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true}}
	out.SetBodyBytes(resBody)
	return openapi3filter.ValidateResponse(context.Background(), out)
}
