/**
 * Cursor pages. A list call returns a {@link PagePromise}: `await` it for the first
 * {@link Page}, or `for await` over it for every item of every page, fetched as it goes
 * (`starting_after` = the previous page's `next_cursor`).
 */

import type { ClientCore, Envelope, Operation, RequestOptions } from "./core.js";
import { APIResponseValidationError } from "./errors.js";

export class Page<T> implements AsyncIterable<T> {
  /** The items of this page only. */
  readonly data: T[];
  readonly hasMore: boolean;
  readonly nextCursor: string | null;
  readonly requestId: string | null;

  constructor(
    private readonly client: ClientCore,
    private readonly operation: Operation,
    private readonly options: RequestOptions,
    envelope: Envelope,
  ) {
    if (!Array.isArray(envelope.data)) {
      throw new APIResponseValidationError("The API answered a list call without a list in `data`.", envelope.requestId);
    }
    this.data = envelope.data as T[];
    this.nextCursor = envelope.pagination?.next_cursor ?? null;
    this.hasMore = Boolean(envelope.pagination?.has_more) && this.nextCursor !== null;
    this.requestId = envelope.requestId;
  }

  /** The following page, fetched now; null after the last. */
  async nextPage(): Promise<Page<T> | null> {
    if (!this.hasMore || this.nextCursor === null) return null;
    const operation = { ...this.operation, query: { ...(this.operation.query ?? {}), starting_after: this.nextCursor } };
    return fetchPage<T>(this.client, operation, this.options);
  }

  /** This page and each following one. */
  async *iterPages(): AsyncGenerator<Page<T>> {
    let page: Page<T> | null = this;
    while (page !== null) {
      yield page;
      page = await page.nextPage();
    }
  }

  /** Every item of this page and all pages after it. */
  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for await (const page of this.iterPages()) yield* page.data;
  }
}

export async function fetchPage<T>(client: ClientCore, operation: Operation, options: RequestOptions): Promise<Page<T>> {
  return new Page<T>(client, operation, options, await client.send(operation, options));
}

/** The first page when awaited; every item of every page with `for await`. */
export class PagePromise<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  private promise: Promise<Page<T>> | null = null;

  constructor(
    private readonly client: ClientCore,
    private readonly operation: Operation,
    private readonly options: RequestOptions,
  ) {}

  private first(): Promise<Page<T>> {
    this.promise ??= fetchPage<T>(this.client, this.operation, this.options);
    return this.promise;
  }

  then<R1 = Page<T>, R2 = never>(
    onfulfilled?: ((value: Page<T>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.first().then(onfulfilled, onrejected);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    yield* await this.first();
  }
}
