/** An error the client caused or should know about; anything else becomes a plain 500. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503,
    message: string,
    readonly errors: string[] = [],
  ) {
    super(message);
  }
}

export function errorBody(status: number, error: string, errors: string[] = []) {
  return { ok: false as const, error, errors, status };
}

/** A public source or partner service failed or answered nonsense (not the client's fault). */
export class UpstreamError extends Error {}
