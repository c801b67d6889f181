package metafinops

import (
	"context"
	"encoding/json"
	"iter"
	"net/url"
)

// ListParams pages through a list: Limit 1–100 (server default 20), StartingAfter the id after
// which the page starts (the previous page's NextCursor).
type ListParams struct {
	Limit         int
	StartingAfter string
}

func (p *ListParams) values() url.Values {
	v := url.Values{}
	if p == nil {
		return v
	}
	if p.Limit > 0 {
		v.Set("limit", itoa(p.Limit))
	}
	if p.StartingAfter != "" {
		v.Set("starting_after", p.StartingAfter)
	}
	return v
}

// Page is one page of a list. Next fetches the following one; All walks every item of this
// page and the ones after it:
//
//	for budget, err := range page.All(ctx) { … }
type Page[T any] struct {
	Data       []T
	HasMore    bool
	NextCursor string
	RequestID  string

	client *Client
	op     operation
	opts   []RequestOption
}

func listPage[T any](ctx context.Context, c *Client, op operation, opts []RequestOption) (*Page[T], error) {
	op.enveloped = true
	result, err := c.send(ctx, op, opts)
	if err != nil {
		return nil, err
	}
	page := &Page[T]{client: c, op: op, opts: opts, RequestID: result.requestID, NextCursor: result.nextCursor}
	page.HasMore = result.hasMore && result.nextCursor != ""
	if err := json.Unmarshal(result.data, &page.Data); err != nil {
		return nil, &ResponseValidationError{"The API answered a list call without a list of the expected items: " + err.Error(), result.requestID}
	}
	return page, nil
}

// Next is the following page, fetched now; nil, nil after the last.
func (p *Page[T]) Next(ctx context.Context) (*Page[T], error) {
	if !p.HasMore || p.NextCursor == "" {
		return nil, nil
	}
	op := p.op
	op.query = url.Values{}
	for name, values := range p.op.query {
		op.query[name] = values
	}
	op.query.Set("starting_after", p.NextCursor)
	return listPage[T](ctx, p.client, op, p.opts)
}

// All yields every item of this page and every following page; an error ends the walk.
func (p *Page[T]) All(ctx context.Context) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for page := p; page != nil; {
			for _, item := range page.Data {
				if !yield(item, nil) {
					return
				}
			}
			next, err := page.Next(ctx)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			page = next
		}
	}
}

// iterate is a list call as an iterator: the first page is fetched on the first step.
func iterate[T any](ctx context.Context, c *Client, op operation, opts []RequestOption) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		page, err := listPage[T](ctx, c, op, opts)
		if err != nil {
			var zero T
			yield(zero, err)
			return
		}
		for item, err := range page.All(ctx) {
			if !yield(item, err) {
				return
			}
		}
	}
}
