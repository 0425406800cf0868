package graphsim

import (
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// decodeJSONBody reads a JSON request body; the Graph SDK's compression
// middleware gzips bodies, which Graph accepts.
func decodeJSONBody(r *http.Request, v any) error {
	var body io.Reader = r.Body
	if strings.EqualFold(r.Header.Get("Content-Encoding"), "gzip") {
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			return err
		}
		defer zr.Close()
		body = zr
	}
	b, err := io.ReadAll(io.LimitReader(body, 4<<20))
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

func encodeB64Std(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func urlQueryUnescape(s string) (string, error) { return url.QueryUnescape(s) }
