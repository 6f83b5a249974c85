package verifiers

import (
	"net/http"
	"strconv"
)

// Write sends the answer to w: a handshake's reply, or an acknowledgement
// the gate gives itself (a replay's stored one, the spool's).
func (a *Answer) Write(w http.ResponseWriter) error {
	if a.ContentType != "" {
		w.Header().Set("Content-Type", a.ContentType)
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(a.Body)))
	w.WriteHeader(a.Status)
	_, err := w.Write(a.Body)
	return err
}
