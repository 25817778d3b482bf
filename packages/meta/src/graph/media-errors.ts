import { RelayError } from "@meta-relay/core";

/** Meta does not know the media id (never sent, expired after 30 days, or another number's). */
export class MediaNotFoundError extends RelayError<"media_not_found"> {
  constructor() {
    super("media_not_found", "Meta does not know this media id, or it has expired.");
  }
}

/** What is known of a failed media call: Meta's code, the HTTP status, or the transport error. */
export interface MediaFailure {
  code?: number;
  subcode?: number;
  httpStatus?: number;
  errorCode?: string;
}

/** Meta failed (or could not be reached) while the media was looked up or downloaded. */
export class MediaMetaError extends RelayError<"meta_error", { details: MediaFailure }> {
  constructor(message: string, details: MediaFailure = {}) {
    super("meta_error", message, { retryable: true, context: { details } });
  }
}

/** The file is larger than MEDIA_MAX_BYTES. */
export class MediaTooLargeError extends RelayError<
  "media_too_large",
  { details: { maxBytes: number } }
> {
  constructor(maxBytes: number) {
    super("media_too_large", `The file is larger than this relay serves (${maxBytes} bytes).`, {
      context: { details: { maxBytes } },
    });
  }
}
