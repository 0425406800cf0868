package graphsim

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
)

func decodeJSONBody(r *http.Request, v any) error {
	b, err := io.ReadAll(io.LimitReader(r.Body, 4<<20))
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

func encodeB64Std(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func urlQueryUnescape(s string) (string, error) { return url.QueryUnescape(s) }
