package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"

	"github.com/jic-center/jic"
)

// statuses maps each domain error code to its HTTP status, once.
var statuses = map[string]int{
	jic.EINVALID:      http.StatusBadRequest,
	jic.ENOTFOUND:     http.StatusNotFound,
	jic.ECONFLICT:     http.StatusConflict,
	jic.EUNAUTHORIZED: http.StatusUnauthorized,
	jic.EFORBIDDEN:    http.StatusForbidden,
	jic.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	jic.ETOOMANY:      http.StatusTooManyRequests,
	jic.EUNAVAILABLE:  http.StatusServiceUnavailable,
	jic.EINTERNAL:     http.StatusInternalServerError,
}

// Status returns the HTTP status for err's domain code.
func Status(err error) int {
	if st, ok := statuses[jic.ErrorCode(err)]; ok {
		return st
	}
	return http.StatusInternalServerError
}

// ErrorBody is the JSON body of every API error.
type ErrorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Field   string `json:"field,omitempty"`
	} `json:"error"`
}

func writeError(w http.ResponseWriter, err error) {
	var body ErrorBody
	body.Error.Code = jic.ErrorCode(err)
	body.Error.Message = jic.ErrorMessage(err)
	body.Error.Field = jic.ErrorField(err)
	if body.Error.Code == jic.EUNAUTHORIZED {
		w.Header().Set("WWW-Authenticate", `Basic realm="jic", charset="UTF-8"`)
	}
	writeJSON(w, Status(err), body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v)
}

// writeJSONTagged writes a read's JSON with an ETag of its bytes, and 304
// when the client already holds them. The tag depends on the viewer only
// through the bytes, and responses are marked private, so no cache shares
// one viewer's answer with another.
func writeJSONTagged(w http.ResponseWriter, r *http.Request, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		writeError(w, err)
		return
	}
	sum := sha256.Sum256(buf.Bytes())
	tag := `"` + hex.EncodeToString(sum[:16]) + `"`
	w.Header().Set("ETag", tag)
	w.Header().Set("Cache-Control", "private, no-cache")
	w.Header().Set("Vary", "Authorization, Cookie")
	if match := r.Header.Get("If-None-Match"); match != "" && (match == tag || match == "W/"+tag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}
