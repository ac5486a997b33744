import type { ValidationError } from '@vinejs/vine'

export type FieldErrors = Record<string, string[]>

/**
 * The messages of a failed validation, by field, as the form components read them (every form
 * of the portal shows its errors next to the fields).
 */
export function fieldErrors(error: ValidationError): FieldErrors {
  const result: FieldErrors = {}
  for (const message of error.messages as Array<{ field: string; message: string }>) {
    ;(result[message.field] ??= []).push(message.message)
  }
  return result
}
