/** Size limits both sides enforce. The server is the authority; the client uses them for form hints. */
export const LIMITS = {
  /** Largest JSON request body the API accepts, in bytes. Larger bodies get 413 PAYLOAD_TOO_LARGE. */
  jsonBodyBytes: 64 * 1024,
  emailLength: 254,
  nameLength: 120,
  delegationNameLength: 120,
  draftTitleLength: 300,
  passwordMinLength: 10,
  passwordMaxLength: 200,
} as const;
