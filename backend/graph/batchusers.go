package graph

import (
	"context"
	"fmt"
	"time"

	abs "github.com/microsoft/kiota-abstractions-go"
	core "github.com/microsoftgraph/msgraph-sdk-go-core"
)

// batchAnswer is one user's answer inside a $batch response.
type batchAnswer struct {
	resp   core.BatchResponse
	itemID string
	userID string
	status int
	item   core.BatchItem
}

// perUserBatch sends one GET per user (len(ids) ≤ batchSize) as a single
// $batch and re-sends the items answered 429/503/504 — after their
// Retry-After, the whole tenant holding meanwhile — or missing from the
// answer, until each has an answer. It gives up as the pacer does: after
// MaxRetries rounds, except that items throttled with a Retry-After are
// re-sent while the waits add up to less than MaxThrottleWait (and at most
// 4 × MaxRetries rounds). Every other answer goes to handle; an error from
// handle ends the call.
func (c *Client) perUserBatch(ctx context.Context, endpoint string, ids []string,
	build func(id string) (*abs.RequestInformation, error), handle func(a batchAnswer) error) error {
	pending := ids
	var throttleWaited time.Duration // Retry-After of throttled rounds
	for round := 0; len(pending) > 0; round++ {
		if round > c.pacer.opt.MaxRetries && (throttleWaited > c.pacer.opt.MaxThrottleWait || round >= c.pacer.maxThrottleAttempts()) {
			return &Error{Class: ClassRetryable, Endpoint: endpoint, Status: 429, Code: CodeTooManyRequests,
				Message: fmt.Sprintf("%d users still throttled after %d rounds", len(pending), round)}
		}
		batch := core.NewBatchRequest(c.adapter)
		byItem := make(map[string]string, len(pending))
		for _, id := range pending {
			ri, err := build(id)
			if err != nil {
				return classify(endpoint, 0, err)
			}
			item, err := batch.AddBatchRequestStep(*ri)
			if err != nil {
				return classify(endpoint, 0, err)
			}
			byItem[*item.GetId()] = id
		}
		resp, err := sendBatch(ctx, batch, c.adapter)
		if err != nil {
			return classify(endpoint, 0, err)
		}
		var retry []string
		var wait time.Duration
		advised := true // every throttled item said when to come back
		for itemID, userID := range byItem {
			item := resp.GetResponseById(itemID)
			if item == nil || item.GetStatus() == nil {
				retry = append(retry, userID) // missing from the answer: ask again
				continue
			}
			status := int(*item.GetStatus())
			if status != 429 && status != 503 && status != 504 {
				if err := handle(batchAnswer{resp: resp, itemID: itemID, userID: userID, status: status, item: item}); err != nil {
					return err
				}
				continue
			}
			if status == 429 {
				c.pacer.count(func(s *PacerStats) { s.Throttled++ })
			} else {
				c.pacer.count(func(s *PacerStats) { s.ServerErrors++ })
			}
			d, ok := RetryAfter(header(item.GetHeaders(), "Retry-After"), time.Now())
			if !ok || status != 429 {
				advised = false
			}
			if !ok {
				d = c.pacer.backoff(round + 1)
			}
			wait = max(wait, d)
			retry = append(retry, userID)
		}
		if len(retry) > 0 {
			if advised {
				throttleWaited += max(wait, time.Second) // "retry now" still counts a second
			} else {
				throttleWaited = c.pacer.opt.MaxThrottleWait + 1 // no advice: MaxRetries rules
			}
			c.pacer.Hold(wait)
			c.pacer.count(func(s *PacerStats) { s.Retries += len(retry) })
		}
		pending = retry
	}
	return nil
}

// itemFailure is the classified error of a failed $batch item.
func itemFailure(endpoint string, a batchAnswer) *Error {
	code, msg := itemError(a.item.GetBody())
	if msg == "" {
		msg = "request for user " + a.userID + " failed"
	}
	return &Error{Endpoint: endpoint, Status: a.status, Code: code, Message: msg, Class: classForStatus(a.status, code)}
}
