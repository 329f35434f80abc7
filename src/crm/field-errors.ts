import type { z } from 'zod';

export interface FieldError {
  /** Dotted path of the field, e.g. `email` or `sources.0.url`; empty for the whole value. */
  path: string;
  message: string;
}

/** A zod error as a list of fields and plain-words messages. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message,
  }));
}
